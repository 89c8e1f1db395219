-- 0048 the vote table as the writer's batches use it. One vote per candidate per voter per day
-- keeps its rule with the columns in another order, (programme, voter, day, candidate): the writer
-- reads a voter's votes of the day on first sight (programme, voter, day: a prefix of this index)
-- to check the caps in memory, and a lookup of one (programme, candidate, voter, day) still uses it
-- whole. The index of states becomes one of the quarantine alone (the queue the office reads): a
-- counted vote, nearly every vote, no longer writes an index entry for it. The state's CHECK is
-- spelt as ORs: SQLite built a temporary table for the IN list at every insert. A CHECK cannot be
-- altered in SQLite, so the table is made again with the same rows.
CREATE TABLE vote_0048 (
	id             INTEGER PRIMARY KEY,
	programme_id   INTEGER NOT NULL REFERENCES programme(id),
	track_code     TEXT NOT NULL,
	application_id INTEGER NOT NULL REFERENCES application(id),
	voter_hash     TEXT NOT NULL,
	day            TEXT NOT NULL,
	slot           INTEGER NOT NULL CHECK (slot >= 1),
	receipt        TEXT NOT NULL UNIQUE,
	state          TEXT NOT NULL DEFAULT 'counted'
	               CHECK (state = 'counted' OR state = 'quarantined' OR state = 'invalid'),
	rule           TEXT,                      -- the quarantine rule hit, kept after a decision
	reason         TEXT,
	batch_id       INTEGER REFERENCES vote_batch(id),
	cast_at        INTEGER NOT NULL,
	decided_by     TEXT,
	decided_at     INTEGER
);
INSERT INTO vote_0048 (id, programme_id, track_code, application_id, voter_hash, day, slot, receipt, state, rule,
	reason, batch_id, cast_at, decided_by, decided_at)
SELECT id, programme_id, track_code, application_id, voter_hash, day, slot, receipt, state, rule,
	reason, batch_id, cast_at, decided_by, decided_at FROM vote;
DROP TABLE vote;
ALTER TABLE vote_0048 RENAME TO vote;
CREATE UNIQUE INDEX vote_once_a_day ON vote(programme_id, voter_hash, day, application_id);
CREATE UNIQUE INDEX vote_track_slot ON vote(programme_id, track_code, voter_hash, day, slot);
CREATE INDEX vote_quarantined ON vote(programme_id, id) WHERE state = 'quarantined';
