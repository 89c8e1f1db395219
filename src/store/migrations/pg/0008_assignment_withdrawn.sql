-- 0008 a disqualified application's open review assignments are withdrawn
-- (docs/award.md, "Objections"): assignment.state gains 'withdrawn'.
ALTER TABLE assignment DROP CONSTRAINT assignment_state_check;
ALTER TABLE assignment ADD CONSTRAINT assignment_state_check
	CHECK (state IN ('active', 'recused', 'removed', 'withdrawn'));
