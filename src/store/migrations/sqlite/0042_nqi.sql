-- 0042 the NQI one-stop service records (一站式NQI服务): service institutions,
-- the enterprises they serve (by USCC, in one of the 24 industry chains) and
-- the services, imported in batches tagged by their import (undone whole when
-- a batch fails) or recorded one by one. nqi_count keeps the statistics
-- board's counts per division, month, kind and chain, updated with the rows.
CREATE TABLE nqi_import (
	id            INTEGER PRIMARY KEY,
	owner_region  TEXT NOT NULL REFERENCES region(code),
	kind          TEXT NOT NULL CHECK (kind IN ('institutions', 'enterprises', 'services')),
	rows          INTEGER NOT NULL,
	state         TEXT NOT NULL CHECK (state IN ('running', 'done', 'undone')),
	created_at    INTEGER NOT NULL
);

CREATE TABLE nqi_institution (
	id            INTEGER PRIMARY KEY,
	owner_region  TEXT NOT NULL REFERENCES region(code),
	uscc          TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	region        TEXT NOT NULL REFERENCES region(code),
	kinds         TEXT NOT NULL,
	import_id     INTEGER REFERENCES nqi_import(id),
	created_at    INTEGER NOT NULL
);
CREATE INDEX nqi_institution_name ON nqi_institution(name);

CREATE TABLE nqi_enterprise (
	id            INTEGER PRIMARY KEY,
	owner_region  TEXT NOT NULL REFERENCES region(code),
	uscc          TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	region        TEXT NOT NULL REFERENCES region(code),
	chain         TEXT NOT NULL,
	import_id     INTEGER REFERENCES nqi_import(id),
	created_at    INTEGER NOT NULL
);
CREATE INDEX nqi_enterprise_name ON nqi_enterprise(name);
CREATE INDEX nqi_enterprise_import ON nqi_enterprise(import_id);

-- region, chain and ent_name are the enterprise's, copied so that every
-- filter of the list reads one row. Each index that drives a filtered,
-- sorted page (docs/nqi.md) orders by (served_on, id) after its filter and
-- carries the other filters' columns, so rows that fail them are passed by
-- inside the index without reading the table.
CREATE TABLE nqi_service (
	id             INTEGER PRIMARY KEY,
	owner_region   TEXT NOT NULL REFERENCES region(code),
	served_on      INTEGER NOT NULL,
	kind           TEXT NOT NULL,
	chain          TEXT NOT NULL,
	region         TEXT NOT NULL,
	institution_id INTEGER NOT NULL REFERENCES nqi_institution(id),
	enterprise_id  INTEGER NOT NULL REFERENCES nqi_enterprise(id),
	ent_name       TEXT NOT NULL,
	import_id      INTEGER REFERENCES nqi_import(id),
	created_at     INTEGER NOT NULL
);

CREATE INDEX nqi_service_day ON nqi_service(served_on, id, region, kind, chain, institution_id);
CREATE INDEX nqi_service_kind ON nqi_service(kind, served_on, id, region, chain, institution_id);
CREATE INDEX nqi_service_chain ON nqi_service(chain, served_on, id, region, kind, institution_id);
CREATE INDEX nqi_service_institution ON nqi_service(institution_id, served_on, id);
CREATE INDEX nqi_service_name ON nqi_service(ent_name, served_on, id);
CREATE INDEX nqi_service_import ON nqi_service(import_id);

CREATE TABLE nqi_count (
	region        TEXT NOT NULL,
	ym            INTEGER NOT NULL,
	kind          TEXT NOT NULL,
	chain         TEXT NOT NULL,
	n             INTEGER NOT NULL,
	PRIMARY KEY (region, ym, kind, chain)
) WITHOUT ROWID;
