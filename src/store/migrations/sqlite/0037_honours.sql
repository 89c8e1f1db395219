-- 0037 the honours register (荣誉): every enterprise's honours across years and
-- levels, imported by the office (whole files or nothing), owned by its
-- region; published lists keep the rows as published and their hash.
CREATE TABLE honour (
	id            INTEGER PRIMARY KEY,
	owner_region  TEXT NOT NULL REFERENCES region(code),
	uscc          TEXT NOT NULL,
	org_name      TEXT NOT NULL,
	region        TEXT NOT NULL REFERENCES region(code),
	kind          TEXT NOT NULL,
	level         TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'city')),
	year          INTEGER NOT NULL,
	title         TEXT NOT NULL,
	source        TEXT NOT NULL,
	created_at    INTEGER NOT NULL,
	UNIQUE (uscc, kind, year, title)
);
CREATE INDEX honour_owner ON honour(owner_region, kind, year);

CREATE TABLE honour_list (
	id            INTEGER PRIMARY KEY,
	owner_region  TEXT NOT NULL REFERENCES region(code),
	title         TEXT NOT NULL,
	kind          TEXT NOT NULL,
	year          INTEGER NOT NULL,
	rows          TEXT NOT NULL,
	sha256        TEXT NOT NULL,
	published_on  INTEGER NOT NULL,
	created_at    INTEGER NOT NULL
);
