-- 0041 contests (第一届“品质青岛”故事大赛, 首届青岛市质量创新大赛): the works an entry
-- uploads (videos and images kept once by SHA-256 in the file store), the
-- prize each winning entry was given per category, and the publication of
-- the gallery of winning works. An entry is an engine application.
CREATE TABLE contest_work (
	id              INTEGER PRIMARY KEY,
	application_id  INTEGER NOT NULL REFERENCES application(id),
	programme_id    INTEGER NOT NULL REFERENCES programme(id),
	kind            TEXT NOT NULL CHECK (kind IN ('video', 'image')),
	mime            TEXT NOT NULL,
	sha256          TEXT NOT NULL,
	name            TEXT NOT NULL,
	size            INTEGER NOT NULL,
	created_at      INTEGER NOT NULL
);
CREATE INDEX contest_work_application ON contest_work(application_id);

CREATE TABLE contest_prize (
	application_id  INTEGER PRIMARY KEY REFERENCES application(id),
	programme_id    INTEGER NOT NULL REFERENCES programme(id),
	track_code      TEXT NOT NULL,
	place           INTEGER NOT NULL,
	prize           TEXT NOT NULL,
	score           INTEGER NOT NULL,
	created_at      INTEGER NOT NULL
);
CREATE INDEX contest_prize_programme ON contest_prize(programme_id, track_code, place);

CREATE TABLE contest_gallery (
	programme_id  INTEGER PRIMARY KEY REFERENCES programme(id),
	notice_id     INTEGER,
	published_at  INTEGER NOT NULL
);
