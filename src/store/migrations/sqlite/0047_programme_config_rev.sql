-- 0047 a revision of each programme's frozen template text. A node keeps the
-- parsed template of a programme in memory keyed by (id, created_at,
-- config_rev) rather than fetching and hashing the text at every read; the
-- text is never updated by pingxuan, but an operator's hand edit must still
-- be seen, so every change of config bumps config_rev.
ALTER TABLE programme ADD COLUMN config_rev INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER programme_config_rev AFTER UPDATE OF config ON programme
	WHEN NEW.config IS NOT OLD.config
BEGIN
	UPDATE programme SET config_rev = OLD.config_rev + 1 WHERE id = NEW.id;
END;
