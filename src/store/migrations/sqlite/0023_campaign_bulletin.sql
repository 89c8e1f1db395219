-- 0023 the bulletin (情况通报) and the materials volume (汇编成册) of a
-- quality month: what the office wrote into them before issuing, and, once
-- issued, the document number, the compiled content as issued and its hash
-- (also appended to the audit chain).

CREATE TABLE campaign_document (
	programme_id  INTEGER NOT NULL REFERENCES programme(id),
	kind          TEXT NOT NULL CHECK (kind IN ('bulletin', 'volume')),
	title         TEXT NOT NULL DEFAULT '',
	overview      TEXT NOT NULL DEFAULT '',  -- replaces the compiled overview when not empty
	closing       TEXT NOT NULL DEFAULT '',
	number        TEXT,
	issued_on     TEXT,
	content       TEXT,                      -- the compiled document as issued (JSON)
	sha256        TEXT,
	updated_at    INTEGER NOT NULL,
	issued_at     INTEGER,
	PRIMARY KEY (programme_id, kind)
);
