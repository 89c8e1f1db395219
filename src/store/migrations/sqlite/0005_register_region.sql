-- 0005 registers shared by the offices of a deployment have an owning region:
-- the region of the office that keeps the record. Every read, write and use of
-- a register row (the draw's candidate pool, the win ban) is scoped by it
-- (app/scope.h). Rows made before this migration belong to the deployment's
-- first office account (the one `pingxuan init` creates).
ALTER TABLE expert ADD COLUMN owner_region TEXT REFERENCES region(code);
ALTER TABLE past_winner ADD COLUMN owner_region TEXT REFERENCES region(code);
UPDATE expert SET owner_region = (SELECT region FROM account WHERE role = 'office' ORDER BY id LIMIT 1)
	WHERE owner_region IS NULL;
UPDATE past_winner SET owner_region = (SELECT region FROM account WHERE role = 'office' ORDER BY id LIMIT 1)
	WHERE owner_region IS NULL;
-- A past-winner record entered in error is removed by its owner (audited), kept but no longer counted.
ALTER TABLE past_winner ADD COLUMN removed_at INTEGER;
ALTER TABLE past_winner ADD COLUMN removed_reason TEXT;
