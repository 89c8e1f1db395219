-- 0048 one vote per candidate per voter per day, the same rule with its columns in another order:
-- (programme, voter, day, candidate). The writer reads a voter's votes of the day on first sight
-- (programme, voter, day: a prefix of this index) to check the caps in memory; a lookup of one
-- (programme, candidate, voter, day) still uses it whole.
DROP INDEX vote_once_a_day;
CREATE UNIQUE INDEX vote_once_a_day ON vote(programme_id, voter_hash, day, application_id);
