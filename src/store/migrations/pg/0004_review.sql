-- 0004 the office stages of the award after the county recommendation:
-- qualification review, the expert pool, draws, reviews, decisions.

-- A conflict as the expert declared it: a USCC or an employer name. Resolved
-- against organisations when a draw is built, so an organisation registered
-- after the import is still matched.
ALTER TABLE expert_conflict ADD COLUMN target TEXT;
CREATE INDEX expert_conflict_expert ON expert_conflict(expert_id);

-- Why the office removed the expert from the pool (discipline, seed 004 十(四)).
ALTER TABLE expert ADD COLUMN removed_reason TEXT;

-- The working date an answer arrived (the rehearsal clock included): late
-- when after due_on.
ALTER TABLE supplement ADD COLUMN answered_on TEXT;
ALTER TABLE supplement ADD COLUMN requested_by BIGINT REFERENCES account(id);
CREATE INDEX supplement_application ON supplement(application_id);

-- The assignment a replacement draw filled.
ALTER TABLE assignment ADD COLUMN replaces BIGINT REFERENCES assignment(id);
CREATE INDEX draw_programme ON draw(programme_id, stage_code);

-- The reviewer's declaration of integrity and no conflict (1 when given).
ALTER TABLE review ADD COLUMN integrity BIGINT NOT NULL DEFAULT 0;

-- The approval's document number and date (市政府批复).
ALTER TABLE decision ADD COLUMN document_no TEXT;
ALTER TABLE decision ADD COLUMN decided_on TEXT;
CREATE INDEX decision_programme ON decision(programme_id, kind);
CREATE INDEX opinion_stage ON opinion(application_id, stage_code);
