-- 0008 a disqualified application's open review assignments are withdrawn
-- (docs/award.md, "Objections"): assignment.state gains 'withdrawn'. SQLite
-- cannot alter a CHECK constraint, so the column is replaced by one with the
-- wider check (its place moves to the end of the row; every statement names
-- its columns).
ALTER TABLE assignment RENAME COLUMN state TO state_0008;
ALTER TABLE assignment ADD COLUMN state TEXT NOT NULL DEFAULT 'active'
	CHECK (state IN ('active', 'recused', 'removed', 'withdrawn'));
UPDATE assignment SET state = state_0008;
ALTER TABLE assignment DROP COLUMN state_0008;
