-- 0035 the quality-problem help desk (湘市监办发〔2022〕71号 三(四)): service
-- providers (institutions and experts, each acting through a bound account),
-- problems routed to them with due dates in working days, diagnosis visits,
-- and the enterprise's rating through a link that needs no sign-in (only
-- the link's hash is kept). A register: owned by the region of the office
-- that keeps the provider, by the enterprise's county for a problem.
CREATE TABLE hd_provider (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL,
	kind          TEXT NOT NULL CHECK (kind IN ('institution', 'expert')),
	region        TEXT NOT NULL REFERENCES region(code),
	fields        TEXT NOT NULL,
	account_id    INTEGER REFERENCES account(id),
	owner_region  TEXT NOT NULL REFERENCES region(code),
	active        INTEGER NOT NULL DEFAULT 1,
	created_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX hd_provider_account ON hd_provider(account_id);

CREATE TABLE hd_problem (
	id              INTEGER PRIMARY KEY,
	owner_region    TEXT NOT NULL REFERENCES region(code),
	organisation_id INTEGER NOT NULL REFERENCES organisation(id),
	field           TEXT NOT NULL,
	title           TEXT NOT NULL,
	detail          TEXT NOT NULL,
	source          TEXT NOT NULL CHECK (source IN ('enterprise', 'review')),
	source_ref      TEXT,
	state           TEXT NOT NULL CHECK (state IN ('unassigned', 'assigned', 'responded', 'resolved', 'closed')),
	provider_id     INTEGER REFERENCES hd_provider(id),
	opened_on       INTEGER NOT NULL,
	respond_by      INTEGER NOT NULL,
	resolve_by      INTEGER NOT NULL,
	responded_on    INTEGER,
	resolved_on     INTEGER,
	resolution      TEXT,
	resolved_by     INTEGER REFERENCES account(id),
	reopen_by       INTEGER,
	reopened        INTEGER NOT NULL DEFAULT 0,
	rate_hash       TEXT UNIQUE,
	rating          INTEGER CHECK (rating BETWEEN 1 AND 5),
	rating_comment  TEXT,
	created_by      INTEGER REFERENCES account(id),
	created_at      INTEGER NOT NULL
);
CREATE INDEX hd_problem_region ON hd_problem(owner_region, state);
CREATE INDEX hd_problem_provider ON hd_problem(provider_id, state);
-- one problem per review suggestion: converting a report twice adds nothing
CREATE UNIQUE INDEX hd_problem_source ON hd_problem(source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE hd_visit (
	id          INTEGER PRIMARY KEY,
	problem_id  INTEGER NOT NULL REFERENCES hd_problem(id),
	visited_on  INTEGER NOT NULL,
	findings    TEXT NOT NULL,
	advice      TEXT NOT NULL,
	account_id  INTEGER REFERENCES account(id),
	created_at  INTEGER NOT NULL
);
CREATE INDEX hd_visit_problem ON hd_visit(problem_id);
