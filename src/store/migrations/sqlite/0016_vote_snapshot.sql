-- 0016 the vote's published snapshots (docs/vote.md, "Publication"): the
-- valid counts per candidate at a moment, as published, with their SHA-256,
-- which the audit record "vote.snapshot" carries into the chain.
CREATE TABLE vote_snapshot (
	id           INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programme(id),
	day          TEXT NOT NULL,
	taken_at     INTEGER NOT NULL,
	counts       TEXT NOT NULL,              -- {"<track>": [{"id": application, "valid": n}, ...]}
	sha256       TEXT NOT NULL
);
CREATE INDEX vote_snapshot_programme ON vote_snapshot(programme_id, day);
