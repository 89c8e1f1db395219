-- 0047 a revision of each programme's frozen template text. A node keeps the
-- parsed template of a programme in memory keyed by (id, created_at,
-- config_rev) rather than fetching and hashing the text at every read; the
-- text is never updated by pingxuan, but an operator's hand edit must still
-- be seen, so every change of config bumps config_rev.
ALTER TABLE programme ADD COLUMN config_rev BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION programme_config_rev() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.config_rev := OLD.config_rev + 1;
	RETURN NEW;
END
$$;

CREATE TRIGGER programme_config_rev BEFORE UPDATE OF config ON programme
	FOR EACH ROW WHEN (NEW.config IS DISTINCT FROM OLD.config) EXECUTE FUNCTION programme_config_rev();
