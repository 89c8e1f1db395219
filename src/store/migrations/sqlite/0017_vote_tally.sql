-- 0017 the vote's running tally (docs/vote.md, "Counts"): votes per candidate, state and rule,
-- kept in the same transactions that cast and decide votes, so that every node reads the same
-- counts without counting the vote table. rule is '' for votes no rule held.
CREATE TABLE vote_tally (
	programme_id   INTEGER NOT NULL REFERENCES programme(id),
	application_id INTEGER NOT NULL REFERENCES application(id),
	state          TEXT NOT NULL,
	rule           TEXT NOT NULL,
	votes          INTEGER NOT NULL,
	PRIMARY KEY (programme_id, application_id, state, rule)
);
INSERT INTO vote_tally (programme_id, application_id, state, rule, votes)
	SELECT programme_id, application_id, state, coalesce(rule, ''), count(*) FROM vote
	GROUP BY programme_id, application_id, state, coalesce(rule, '');
