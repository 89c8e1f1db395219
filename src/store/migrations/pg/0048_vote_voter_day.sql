-- 0048 one vote per candidate per voter per day keeps its rule with the columns in another order,
-- (programme, voter, day, candidate): the writer reads a voter's votes of the day on first sight
-- (programme, voter, day: a prefix of this index) to check the caps in memory, and a lookup of one
-- (programme, candidate, voter, day) still uses it whole. (SQLite also respells the state's CHECK;
-- PostgreSQL checks an IN list without cost.)
DROP INDEX vote_once_a_day;
CREATE UNIQUE INDEX vote_once_a_day ON vote(programme_id, voter_hash, day, application_id);
-- the index of states becomes one of the quarantine alone (the queue the office reads): a counted
-- vote, nearly every vote, no longer writes an index entry for it
DROP INDEX vote_programme_state;
CREATE INDEX vote_quarantined ON vote(programme_id, id) WHERE state = 'quarantined';
