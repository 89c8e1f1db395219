-- 0010 the brand ranking family (docs/ranking.md; SQLite dialect, pg/0010_ranking.sql
-- is the same schema). A registration is one engine application (one per
-- applicant and programme) listing the 1 or 2 tracks it chose.

-- The tracks an application chose, in the applicant's order (position 1, 2).
CREATE TABLE ranking_track (
	application_id  INTEGER NOT NULL REFERENCES application(id),
	programme_id    INTEGER NOT NULL REFERENCES programme(id),
	track_code      TEXT NOT NULL,
	position        INTEGER NOT NULL,
	industry        TEXT NOT NULL,        -- the brand's GB/T 4754-2017 section
	PRIMARY KEY (application_id, track_code)
);
CREATE INDEX ranking_track_programme ON ranking_track(programme_id, track_code);

-- The two panels: 'promotion' (推介小组) and 'expert' (专家评审小组).
CREATE TABLE ranking_panel (
	programme_id  INTEGER NOT NULL REFERENCES programme(id),
	panel         TEXT NOT NULL CHECK (panel IN ('promotion', 'expert')),
	account_id    INTEGER NOT NULL REFERENCES account(id),
	unit          TEXT NOT NULL,
	PRIMARY KEY (programme_id, account_id)
);

-- One panel member's sheet for one candidate: points per criterion, final once given.
CREATE TABLE ranking_score (
	programme_id    INTEGER NOT NULL REFERENCES programme(id),
	panel           TEXT NOT NULL,
	account_id      INTEGER NOT NULL REFERENCES account(id),
	application_id  INTEGER NOT NULL REFERENCES application(id),
	scores          TEXT NOT NULL,        -- JSON {criterion: points}
	total           INTEGER NOT NULL,     -- tenths of a point
	submitted_at    INTEGER NOT NULL,
	PRIMARY KEY (programme_id, account_id, application_id)
);
CREATE INDEX ranking_score_application ON ranking_score(application_id, panel);

-- The published lists: one row per candidate and chosen track.
CREATE TABLE ranking_result (
	programme_id    INTEGER NOT NULL REFERENCES programme(id),
	track_code      TEXT NOT NULL,
	application_id  INTEGER NOT NULL REFERENCES application(id),
	votes           INTEGER NOT NULL,
	vote_score      INTEGER NOT NULL,     -- hundredths on 0..100
	promotion       INTEGER NOT NULL,
	expert          INTEGER NOT NULL,
	score           INTEGER NOT NULL,     -- the composite, hundredths
	rank            INTEGER NOT NULL,
	placed          INTEGER NOT NULL,
	notice_id       INTEGER,
	PRIMARY KEY (programme_id, track_code, application_id)
);
