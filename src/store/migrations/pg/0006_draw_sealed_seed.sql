-- 0006 a committed draw that cannot be steered (docs/draw.md, "Commitment").
-- The seed of a draw is no longer kept before it runs: the office holds it
-- sealed and supplies it at the run, where it is checked against seed_commit.
-- inputs_hash and input are now filled at the commitment and the run is
-- refused when the inputs built again differ. A commitment that can no longer
-- run (the pool changed) is abandoned, publicly, with its reason.
ALTER TABLE draw ADD COLUMN abandoned_at BIGINT;
ALTER TABLE draw ADD COLUMN abandon_reason TEXT;

-- Commitments made before this migration kept their seed in the database and
-- did not bind their inputs: they are abandoned and their seed erased, so the
-- office commits again under the new scheme.
UPDATE draw SET abandoned_at = committed_at,
	abandon_reason = 'committed before sealed seeds (migration 0006); commit again',
	seed = NULL
	WHERE drawn_at IS NULL AND replaces IS NULL;
