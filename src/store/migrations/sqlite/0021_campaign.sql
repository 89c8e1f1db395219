-- 0021 quality-month campaigns (docs/campaign.md, 深质强办〔2015〕17号): the
-- activities each unit plans, approved by the office before they show on
-- the public activity calendar.

CREATE TABLE campaign_activity (
	id             INTEGER PRIMARY KEY,
	programme_id   INTEGER NOT NULL REFERENCES programme(id),
	account_id     INTEGER NOT NULL REFERENCES account(id),
	title          TEXT NOT NULL,
	focus          TEXT NOT NULL,        -- one of the template's four focuses
	starts_on      TEXT NOT NULL,
	ends_on        TEXT NOT NULL,
	place          TEXT NOT NULL,
	organiser      TEXT NOT NULL,
	co_organisers  TEXT NOT NULL DEFAULT '',
	description    TEXT NOT NULL,
	audience       INTEGER NOT NULL DEFAULT 0,
	state          TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'approved')),
	created_at     INTEGER NOT NULL,
	approved_at    INTEGER
);
CREATE INDEX campaign_activity_programme ON campaign_activity(programme_id, starts_on);
