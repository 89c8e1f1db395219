-- 0022 the media campaign of a quality month (深质强办〔2015〕17号 附件2): the
-- interviews and reports planned with each outlet and their publication,
-- and the materials archive (photos, videos, texts) compiled into a volume.

CREATE TABLE campaign_media (
	id            INTEGER PRIMARY KEY,
	programme_id  INTEGER NOT NULL REFERENCES programme(id),
	outlet        TEXT NOT NULL,          -- one of the template's outlets
	kind          TEXT NOT NULL CHECK (kind IN ('interview', 'report')),
	title         TEXT NOT NULL,
	planned_on    TEXT NOT NULL,
	published_on  TEXT,
	link          TEXT,
	created_at    INTEGER NOT NULL,
	published_at  INTEGER
);
CREATE INDEX campaign_media_programme ON campaign_media(programme_id, planned_on);

CREATE TABLE campaign_material (
	id            INTEGER PRIMARY KEY,
	programme_id  INTEGER NOT NULL REFERENCES programme(id),
	kind          TEXT NOT NULL CHECK (kind IN ('photo', 'video', 'text')),
	title         TEXT NOT NULL,
	media_id      INTEGER REFERENCES campaign_media(id),
	sha256        TEXT,                   -- a photo in the file store
	mime          TEXT,
	size          INTEGER,
	link          TEXT,                   -- a video or text published elsewhere
	body          TEXT,                   -- a text kept here
	created_at    INTEGER NOT NULL
);
CREATE INDEX campaign_material_programme ON campaign_material(programme_id);
