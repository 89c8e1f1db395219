-- 0020 the reporting engine (docs/reporting.md): a request to a set of units
-- with a deadline and a form given as data, every version of each unit's
-- submission, the files units attach, and the reminders sent to units that
-- have not submitted. Dates are 'YYYY-MM-DD' on the official calendar;
-- instants integer microseconds; JSON as text.

CREATE TABLE report_request (
	id            INTEGER PRIMARY KEY,
	programme_id  INTEGER REFERENCES programme(id),   -- NULL: a request of its own
	region        TEXT NOT NULL REFERENCES region(code), -- the office's region that owns it
	code          TEXT NOT NULL,                      -- 'summary', 'activities' ... unique in a programme
	title         TEXT NOT NULL,
	opens_on      TEXT,
	due_on        TEXT NOT NULL,
	form          TEXT NOT NULL,                      -- the form definition (reporting_form)
	created_by    TEXT NOT NULL,
	created_at    INTEGER NOT NULL
);
CREATE INDEX report_request_programme ON report_request(programme_id);

CREATE TABLE report_unit (
	request_id  INTEGER NOT NULL REFERENCES report_request(id),
	account_id  INTEGER NOT NULL REFERENCES account(id),
	PRIMARY KEY (request_id, account_id)
);

-- One row per version; a unit's current state is its latest version's.
CREATE TABLE report_submission (
	id             INTEGER PRIMARY KEY,
	request_id     INTEGER NOT NULL REFERENCES report_request(id),
	account_id     INTEGER NOT NULL REFERENCES account(id),
	version        INTEGER NOT NULL,
	state          TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'resubmitted')),
	nil            INTEGER NOT NULL DEFAULT 0,         -- 无可报告: nothing to report, said explicitly
	content        TEXT NOT NULL,
	late           INTEGER NOT NULL DEFAULT 0,         -- 迟报: submitted after due_on
	submitted_on   TEXT,
	submitted_at   INTEGER,
	return_reason  TEXT,
	returned_at    INTEGER,
	returned_by    TEXT,
	created_at     INTEGER NOT NULL,
	UNIQUE (request_id, account_id, version)
);

CREATE TABLE report_file (
	id           INTEGER PRIMARY KEY,
	request_id   INTEGER NOT NULL REFERENCES report_request(id),
	account_id   INTEGER NOT NULL REFERENCES account(id),
	sha256       TEXT NOT NULL,
	name         TEXT NOT NULL,
	mime         TEXT NOT NULL,
	size         INTEGER NOT NULL,
	uploaded_at  INTEGER NOT NULL
);
CREATE INDEX report_file_request ON report_file(request_id, account_id);

CREATE TABLE report_reminder (
	id          INTEGER PRIMARY KEY,
	request_id  INTEGER NOT NULL REFERENCES report_request(id),
	account_id  INTEGER NOT NULL REFERENCES account(id),
	kind        TEXT NOT NULL CHECK (kind IN ('before', 'after')),
	sent_on     TEXT NOT NULL,
	channel     TEXT NOT NULL CHECK (channel IN ('app', 'sms')),
	message     TEXT NOT NULL,
	created_at  INTEGER NOT NULL,
	UNIQUE (request_id, account_id, sent_on, channel)
);
CREATE INDEX report_reminder_account ON report_reminder(account_id);
