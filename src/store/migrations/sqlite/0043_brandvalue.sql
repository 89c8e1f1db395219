-- 0043 brand value evaluation (企业品牌价值测评): rounds opened by an office with
-- their published method and parameters, owned by the office's region; each
-- enterprise's data for the round's forecast years, its computed value and
-- rank, and the SHA-256 of its report PDF in the file store.
CREATE TABLE bv_round (
	id            INTEGER PRIMARY KEY,
	owner_region  TEXT NOT NULL REFERENCES region(code),
	title         TEXT NOT NULL,
	first_year    INTEGER NOT NULL,
	years         INTEGER NOT NULL CHECK (years BETWEEN 1 AND 10),
	method        TEXT NOT NULL,
	params        TEXT NOT NULL,
	state         TEXT NOT NULL CHECK (state IN ('open', 'computed')),
	opened_on     INTEGER NOT NULL,
	computed_on   INTEGER,
	created_by    INTEGER REFERENCES account(id),
	created_at    INTEGER NOT NULL
);
CREATE INDEX bv_round_owner ON bv_round(owner_region, id);

CREATE TABLE bv_submission (
	id              INTEGER PRIMARY KEY,
	round_id        INTEGER NOT NULL REFERENCES bv_round(id),
	organisation_id INTEGER NOT NULL REFERENCES organisation(id),
	region          TEXT NOT NULL REFERENCES region(code),
	data            TEXT NOT NULL,
	submitted_at    INTEGER NOT NULL,
	value           INTEGER,
	result          TEXT,
	rank            INTEGER,
	report_sha      TEXT,
	UNIQUE (round_id, organisation_id)
);
CREATE INDEX bv_submission_rank ON bv_submission(round_id, rank);
