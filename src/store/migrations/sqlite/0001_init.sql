-- 0001 accounts, sessions, audit (SQLite dialect; pg/0001_init.sql is the same schema).
-- Times are integer microseconds since the Unix epoch; hashes lowercase hex.

CREATE TABLE region (
	code    TEXT PRIMARY KEY CHECK (length(code) = 6),
	name    TEXT NOT NULL,
	parent  TEXT REFERENCES region(code)
);
INSERT INTO region (code, name, parent) VALUES ('000000', '全国', NULL);

CREATE TABLE unit (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	kind    TEXT NOT NULL CHECK (kind IN ('office', 'county', 'member', 'expert', 'applicant')),
	region  TEXT NOT NULL REFERENCES region(code)
);

CREATE TABLE account (
	id            INTEGER PRIMARY KEY,
	login         TEXT NOT NULL UNIQUE,
	display_name  TEXT NOT NULL,
	password_hash TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('office', 'leader', 'county', 'member', 'expert', 'applicant')),
	unit_id       INTEGER NOT NULL REFERENCES unit(id),
	region        TEXT NOT NULL REFERENCES region(code),
	active        INTEGER NOT NULL DEFAULT 1,
	created_at    INTEGER NOT NULL
);
CREATE INDEX account_region ON account(region);

CREATE TABLE session (
	token_hash  TEXT PRIMARY KEY,
	account_id  INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	csrf        TEXT NOT NULL,
	created_at  INTEGER NOT NULL,
	last_seen   INTEGER NOT NULL
);
CREATE INDEX session_account ON session(account_id);

CREATE TABLE audit (
	seq          INTEGER PRIMARY KEY,
	at           INTEGER NOT NULL,
	actor        TEXT NOT NULL,
	action       TEXT NOT NULL,
	object       TEXT NOT NULL,
	payload      TEXT NOT NULL,
	payload_hash TEXT NOT NULL,
	prev         TEXT NOT NULL,
	hash         TEXT NOT NULL
);

-- The head of the chain, one row. Appenders update it first, which takes the
-- row lock (PostgreSQL) or the write lock (SQLite): appends are serialised.
CREATE TABLE audit_head (
	id    INTEGER PRIMARY KEY CHECK (id = 1),
	seq   INTEGER NOT NULL,
	hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
	VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
