-- 0015 the public vote (网络人气冲榜, docs/vote.md). Mobile numbers never
-- appear: a voter is the keyed hash of the number (app/secret.h, domain
-- "mobile"); codes are stored as keyed hashes too. Days are 'YYYY-MM-DD' in
-- China; instants integer microseconds.

-- The live one-time code of a number, and its sending counts of the day.
CREATE TABLE vote_code (
	phone_hash   TEXT PRIMARY KEY,
	code_hash    TEXT NOT NULL,
	sent_at      INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	used         INTEGER NOT NULL DEFAULT 0,
	sent_day     TEXT NOT NULL,
	sent_count   INTEGER NOT NULL DEFAULT 1     -- codes sent to the number on sent_day
);

-- A voter's session: the cookie's SHA-256, bound to the number's hash.
CREATE TABLE vote_session (
	token_hash   TEXT PRIMARY KEY,
	voter_hash   TEXT NOT NULL,
	device_hash  TEXT,                        -- SHA-256 of the device cookie, for the device rule
	verified_at  INTEGER NOT NULL,              -- when its code was last checked
	expires_at   INTEGER NOT NULL,
	flag_rule    TEXT                        -- a quarantine rule hit when the number was verified
);
CREATE INDEX vote_session_voter ON vote_session(voter_hash);
CREATE INDEX vote_session_device ON vote_session(device_hash);

-- A group-committed batch of votes and its hash (audit "vote.batch").
CREATE TABLE vote_batch (
	id           INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programme(id),
	votes        INTEGER NOT NULL,
	hash         TEXT NOT NULL,
	committed_at INTEGER NOT NULL
);

-- One vote. Never deleted: quarantined and invalid votes are kept with
-- their rule and reason. The per-day caps are unique indexes, so every node
-- on one database keeps them: one vote per candidate per voter per day, and
-- at most N a track per voter per day as slots 1..N.
CREATE TABLE vote (
	id             INTEGER PRIMARY KEY,
	programme_id   INTEGER NOT NULL REFERENCES programme(id),
	track_code     TEXT NOT NULL,
	application_id INTEGER NOT NULL REFERENCES application(id),
	voter_hash     TEXT NOT NULL,
	day            TEXT NOT NULL,
	slot           INTEGER NOT NULL CHECK (slot >= 1),
	receipt        TEXT NOT NULL UNIQUE,
	state          TEXT NOT NULL DEFAULT 'counted' CHECK (state IN ('counted', 'quarantined', 'invalid')),
	rule           TEXT,                      -- the quarantine rule hit, kept after a decision
	reason         TEXT,
	batch_id       INTEGER REFERENCES vote_batch(id),
	cast_at        INTEGER NOT NULL,
	decided_by     TEXT,
	decided_at     INTEGER
);
CREATE UNIQUE INDEX vote_once_a_day ON vote(programme_id, application_id, voter_hash, day);
CREATE UNIQUE INDEX vote_track_slot ON vote(programme_id, track_code, voter_hash, day, slot);
CREATE INDEX vote_programme_state ON vote(programme_id, state);
