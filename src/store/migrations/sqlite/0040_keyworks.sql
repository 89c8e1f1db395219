-- 0040 the key works register (十大质量提升重点活动): each work of a region's
-- office with its lead unit (an account of the member role, or a unit named
-- only), its co-units, and its milestones with deadlines; a milestone's
-- progress reports are a reporting request (0020) to the lead unit.
CREATE TABLE kw_work (
	id               INTEGER PRIMARY KEY,
	owner_region     TEXT NOT NULL REFERENCES region(code),
	programme_id     INTEGER REFERENCES programme(id),
	seq              INTEGER NOT NULL,
	title            TEXT NOT NULL,
	summary          TEXT NOT NULL DEFAULT '',
	lead_account_id  INTEGER REFERENCES account(id),
	lead_name        TEXT NOT NULL,
	co_units         TEXT NOT NULL,               -- JSON array of unit names
	created_at       INTEGER NOT NULL,
	UNIQUE (owner_region, title)
);
CREATE INDEX kw_work_lead ON kw_work(lead_account_id);

CREATE TABLE kw_milestone (
	id          INTEGER PRIMARY KEY,
	work_id     INTEGER NOT NULL REFERENCES kw_work(id),
	seq         INTEGER NOT NULL,
	title       TEXT NOT NULL,
	due_on      TEXT NOT NULL,
	state       TEXT NOT NULL CHECK (state IN ('open', 'done')),
	done_on     TEXT,
	request_id  INTEGER REFERENCES report_request(id),
	created_at  INTEGER NOT NULL,
	UNIQUE (work_id, seq)
);
CREATE INDEX kw_milestone_due ON kw_milestone(state, due_on);
