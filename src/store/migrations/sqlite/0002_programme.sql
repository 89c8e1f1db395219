-- 0002 the programme engine and the government quality award (seed 004).
-- Dates (opens_on, due_on ...) are 'YYYY-MM-DD' text on the official calendar;
-- instants (*_at) integer microseconds; scores integers (tenths of points for
-- a review total, hundredths for aggregated scores); JSON as text.

CREATE TABLE programme (
	id          INTEGER PRIMARY KEY,
	template    TEXT NOT NULL,            -- template id, e.g. qingyuan-quality-award-2025
	family      TEXT NOT NULL,            -- same award across years (two-cycle ban)
	year        INTEGER NOT NULL,
	title       TEXT NOT NULL,
	region      TEXT NOT NULL REFERENCES region(code),
	config      TEXT NOT NULL,            -- the template as loaded, frozen for this programme
	stage_seq   INTEGER NOT NULL DEFAULT 0, -- current stage; 0 before the first opens
	created_at  INTEGER NOT NULL,
	UNIQUE (family, year)
);

CREATE TABLE stage (
	id            INTEGER PRIMARY KEY,
	programme_id  INTEGER NOT NULL REFERENCES programme(id),
	seq           INTEGER NOT NULL,
	code          TEXT NOT NULL,
	kind          TEXT NOT NULL,
	title         TEXT NOT NULL,
	opens_on      TEXT,
	closes_on     TEXT,
	state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'open', 'closed')),
	opened_at     INTEGER,
	closed_at     INTEGER,
	UNIQUE (programme_id, seq),
	UNIQUE (programme_id, code)
);

CREATE TABLE track (
	id              INTEGER PRIMARY KEY,
	programme_id    INTEGER NOT NULL REFERENCES programme(id),
	code            TEXT NOT NULL,
	name            TEXT NOT NULL,
	applicant_kind  TEXT NOT NULL CHECK (applicant_kind IN ('organisation', 'person')),
	cap             INTEGER NOT NULL,
	UNIQUE (programme_id, code)
);

CREATE TABLE quota (
	programme_id  INTEGER NOT NULL REFERENCES programme(id),
	region        TEXT NOT NULL REFERENCES region(code),
	track_code    TEXT NOT NULL,
	slots         INTEGER NOT NULL CHECK (slots >= 0),
	PRIMARY KEY (programme_id, region, track_code)
);

CREATE TABLE organisation (
	id          INTEGER PRIMARY KEY,
	uscc        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	industry    TEXT NOT NULL,            -- GB/T 4754 section letter
	region      TEXT NOT NULL REFERENCES region(code),
	founded_on  TEXT NOT NULL,
	account_id  INTEGER REFERENCES account(id),
	created_at  INTEGER NOT NULL
);

CREATE TABLE person (
	id             INTEGER PRIMARY KEY,
	id_hash        TEXT NOT NULL UNIQUE,  -- keyed hash of the resident ID number
	id_masked      TEXT NOT NULL,
	name           TEXT NOT NULL,
	employer       TEXT NOT NULL,
	region         TEXT NOT NULL REFERENCES region(code),
	quality_since  TEXT NOT NULL,         -- first day of quality work
	account_id     INTEGER REFERENCES account(id),
	created_at     INTEGER NOT NULL
);

-- Winners before the system was used, and of other systems: for the two-cycle ban.
CREATE TABLE past_winner (
	id               INTEGER PRIMARY KEY,
	family           TEXT NOT NULL,
	year             INTEGER NOT NULL,
	organisation_id  INTEGER REFERENCES organisation(id),
	person_id        INTEGER REFERENCES person(id),
	track_code       TEXT NOT NULL,
	source           TEXT NOT NULL,
	created_at       INTEGER NOT NULL
);

CREATE TABLE application (
	id               INTEGER PRIMARY KEY,
	programme_id     INTEGER NOT NULL REFERENCES programme(id),
	track_code       TEXT NOT NULL,
	form_code        TEXT NOT NULL,
	organisation_id  INTEGER REFERENCES organisation(id),
	person_id        INTEGER REFERENCES person(id),
	region           TEXT NOT NULL REFERENCES region(code),
	form             TEXT NOT NULL DEFAULT '{}',
	state            TEXT NOT NULL DEFAULT 'draft',
	attest_no_record INTEGER NOT NULL DEFAULT 0,
	internal_notice  TEXT,                -- how and when the applicant notified internally
	feedback         TEXT,                -- review feedback to the applicant
	created_by       INTEGER REFERENCES account(id),
	created_at       INTEGER NOT NULL,
	submitted_at     INTEGER,
	updated_at       INTEGER NOT NULL,
	UNIQUE (programme_id, organisation_id),
	UNIQUE (programme_id, person_id)
);
CREATE INDEX application_programme ON application(programme_id, state);
CREATE INDEX application_region ON application(region);

CREATE TABLE document (
	id              INTEGER PRIMARY KEY,
	application_id  INTEGER REFERENCES application(id),
	objection_id    INTEGER,
	purpose         TEXT NOT NULL,        -- evidence, supplement, objection, report, certificate
	sha256          TEXT NOT NULL,
	name            TEXT NOT NULL,
	size            INTEGER NOT NULL,
	mime            TEXT NOT NULL,
	uploaded_by     TEXT NOT NULL,
	uploaded_at     INTEGER NOT NULL
);
CREATE INDEX document_application ON document(application_id);

CREATE TABLE eligibility (
	application_id  INTEGER NOT NULL REFERENCES application(id),
	rule            TEXT NOT NULL,
	result          TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'attested', 'pending')),
	reason          TEXT NOT NULL,
	evaluated_at    INTEGER NOT NULL,
	PRIMARY KEY (application_id, rule)
);

CREATE TABLE opinion (
	id              INTEGER PRIMARY KEY,
	application_id  INTEGER NOT NULL REFERENCES application(id),
	stage_code      TEXT NOT NULL,
	department      TEXT NOT NULL,
	verdict         TEXT NOT NULL CHECK (verdict IN ('no_objection', 'objection', 'note')),
	text            TEXT NOT NULL,
	account_id      INTEGER REFERENCES account(id),
	created_at      INTEGER NOT NULL
);

CREATE TABLE notice (
	id            INTEGER PRIMARY KEY,
	programme_id  INTEGER NOT NULL REFERENCES programme(id),
	stage_code    TEXT NOT NULL,
	region        TEXT NOT NULL REFERENCES region(code),
	title         TEXT NOT NULL,
	list          TEXT NOT NULL,          -- JSON array of what is notified
	starts_on     TEXT NOT NULL,
	ends_on       TEXT NOT NULL,
	workdays      INTEGER NOT NULL,
	chain_seq     INTEGER NOT NULL,       -- audit head when published
	chain_head    TEXT NOT NULL,
	published_at  INTEGER NOT NULL
);
CREATE INDEX notice_programme ON notice(programme_id, stage_code);

CREATE TABLE recommendation (
	application_id  INTEGER PRIMARY KEY REFERENCES application(id),
	region          TEXT NOT NULL,
	track_code      TEXT NOT NULL,
	rank            INTEGER NOT NULL,
	account_id      INTEGER REFERENCES account(id),
	created_at      INTEGER NOT NULL
);

CREATE TABLE supplement (
	id              INTEGER PRIMARY KEY,
	application_id  INTEGER NOT NULL REFERENCES application(id),
	request         TEXT NOT NULL,
	due_on          TEXT NOT NULL,
	requested_at    INTEGER NOT NULL,
	answer          TEXT,
	answered_at     INTEGER
);

CREATE TABLE expert (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,     -- the pool's own reference, e.g. E017
	name        TEXT NOT NULL,
	employer    TEXT NOT NULL,
	region      TEXT NOT NULL REFERENCES region(code),
	fields      TEXT NOT NULL,            -- JSON array of field codes
	account_id  INTEGER REFERENCES account(id),
	active      INTEGER NOT NULL DEFAULT 1,
	created_at  INTEGER NOT NULL
);

CREATE TABLE expert_conflict (
	id               INTEGER PRIMARY KEY,
	expert_id        INTEGER NOT NULL REFERENCES expert(id),
	organisation_id  INTEGER REFERENCES organisation(id),
	person_id        INTEGER REFERENCES person(id),
	reason           TEXT NOT NULL,
	source           TEXT NOT NULL CHECK (source IN ('declared', 'detected', 'imported')),
	created_at       INTEGER NOT NULL
);

CREATE TABLE draw (
	id            INTEGER PRIMARY KEY,
	programme_id  INTEGER NOT NULL REFERENCES programme(id),
	stage_code    TEXT NOT NULL,
	seed_commit   TEXT NOT NULL,
	seed          TEXT,                   -- revealed after the draw
	inputs_hash   TEXT,
	input         TEXT,
	result        TEXT,
	replaces      INTEGER REFERENCES draw(id),
	committed_at  INTEGER NOT NULL,
	drawn_at      INTEGER
);

CREATE TABLE assignment (
	id              INTEGER PRIMARY KEY,
	draw_id         INTEGER NOT NULL REFERENCES draw(id),
	stage_code      TEXT NOT NULL,
	application_id  INTEGER NOT NULL REFERENCES application(id),
	expert_id       INTEGER NOT NULL REFERENCES expert(id),
	state           TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'recused', 'removed')),
	reason          TEXT,
	created_at      INTEGER NOT NULL
);
CREATE INDEX assignment_expert ON assignment(expert_id, stage_code);
CREATE INDEX assignment_application ON assignment(application_id, stage_code);

CREATE TABLE review (
	id             INTEGER PRIMARY KEY,
	assignment_id  INTEGER NOT NULL UNIQUE REFERENCES assignment(id),
	scores         TEXT NOT NULL,         -- JSON {item code: points}
	total          INTEGER NOT NULL,      -- tenths of a point
	opinion        TEXT NOT NULL,
	suggestions    TEXT NOT NULL,
	submitted_at   INTEGER NOT NULL
);

CREATE TABLE stage_result (
	application_id  INTEGER NOT NULL REFERENCES application(id),
	stage_code      TEXT NOT NULL,
	score           INTEGER NOT NULL,     -- hundredths, on a 0..100 scale
	detail          TEXT NOT NULL,        -- JSON: reviewers, spread, outliers
	computed_at     INTEGER NOT NULL,
	PRIMARY KEY (application_id, stage_code)
);

CREATE TABLE decision (
	id            INTEGER PRIMARY KEY,
	programme_id  INTEGER NOT NULL REFERENCES programme(id),
	stage_code    TEXT NOT NULL,
	kind          TEXT NOT NULL,
	list          TEXT NOT NULL,
	minutes       TEXT NOT NULL,
	account_id    INTEGER REFERENCES account(id),
	decided_at    INTEGER NOT NULL
);

CREATE TABLE objection (
	id                  INTEGER PRIMARY KEY,
	programme_id        INTEGER NOT NULL REFERENCES programme(id),
	application_id      INTEGER NOT NULL REFERENCES application(id),
	filer_name          TEXT NOT NULL,
	filer_contact_hash  TEXT,
	filer_contact_masked TEXT,
	text                TEXT NOT NULL,
	filed_on            TEXT NOT NULL,
	filed_at            INTEGER NOT NULL,
	forward_due         TEXT NOT NULL,
	forwarded_on        TEXT,
	reply_due           TEXT,
	county_reply        TEXT,
	replied_on          TEXT,
	outcome             TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'verified', 'unfounded')),
	breaks_eligibility  INTEGER NOT NULL DEFAULT 0,
	decision_text       TEXT,
	decided_on          TEXT
);
CREATE INDEX objection_application ON objection(application_id);

CREATE TABLE certificate (
	id              INTEGER PRIMARY KEY,
	no              TEXT NOT NULL UNIQUE,
	code            TEXT NOT NULL UNIQUE, -- public verification code
	application_id  INTEGER NOT NULL UNIQUE REFERENCES application(id),
	programme_id    INTEGER NOT NULL REFERENCES programme(id),
	holder          TEXT NOT NULL,
	track_code      TEXT NOT NULL,
	issued_on       TEXT NOT NULL,
	sha256          TEXT NOT NULL,
	created_at      INTEGER NOT NULL
);
