-- 0007 stage windows (docs/award.md, "Stage windows"). A stage's closing
-- date closes it; the office may extend the window to a later date, with a
-- reason, audited (stage.extend) and shown with the programme.
ALTER TABLE stage ADD COLUMN extended_to TEXT;
ALTER TABLE stage ADD COLUMN extension_reason TEXT;
