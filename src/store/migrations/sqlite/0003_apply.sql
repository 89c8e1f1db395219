-- 0003 the applicant side of the award, the county stage and objections
-- (SQLite dialect; pg/0003_apply.sql is the same schema).

-- Server secrets, generated on first use: 'ident_hash_key' keys the hashes of
-- resident ID and mobile numbers (hex of 32 random bytes).
CREATE TABLE secret (
	name   TEXT PRIMARY KEY,
	value  TEXT NOT NULL
);

-- One applicant identity per applicant account.
CREATE UNIQUE INDEX organisation_account ON organisation(account_id);
CREATE UNIQUE INDEX person_account ON person(account_id);

-- A person's mobile number: keyed hash and masked copy only.
ALTER TABLE person ADD COLUMN mobile_hash TEXT;
ALTER TABLE person ADD COLUMN mobile_masked TEXT;

-- Winners from before the system need not be registered applicants: they are
-- matched by USCC or by the keyed hash of the resident ID number.
ALTER TABLE past_winner ADD COLUMN uscc TEXT;
ALTER TABLE past_winner ADD COLUMN id_hash TEXT;
CREATE INDEX past_winner_family ON past_winner(family, year);

-- The county's note when it checks or returns an application.
ALTER TABLE application ADD COLUMN county_note TEXT;

-- 备注 of the recommendation summary table (附件8).
ALTER TABLE recommendation ADD COLUMN note TEXT;

-- What the objector offers as proof (证明材料), described in words.
ALTER TABLE objection ADD COLUMN evidence TEXT;

CREATE INDEX opinion_application ON opinion(application_id, department);
CREATE INDEX objection_programme ON objection(programme_id);
