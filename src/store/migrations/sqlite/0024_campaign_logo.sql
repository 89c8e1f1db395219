-- 0024 the logo an office uploads for its campaign (深质强办〔2015〕17号 附件3:
-- every activity carries it); without one the template's placeholder is shown.

CREATE TABLE campaign_logo (
	programme_id  INTEGER PRIMARY KEY REFERENCES programme(id),
	sha256        TEXT NOT NULL,
	mime          TEXT NOT NULL,
	uploaded_at   INTEGER NOT NULL
);
