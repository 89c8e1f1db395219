-- 0036 chief quality officer training (培训千名首席质量官, 湘市监办发〔2022〕71号):
-- courses organised at province, city or county level, their sessions, the
-- trainees enrolled for an enterprise, attendance per session, the
-- assessment and the completion certificate. A register owned by the region
-- of the office or county bureau that organises the course. A trainee's
-- mobile number is kept only as a keyed hash and a masked copy.
CREATE TABLE tr_course (
	id             INTEGER PRIMARY KEY,
	title          TEXT NOT NULL,
	level          TEXT NOT NULL CHECK (level IN ('province', 'city', 'county')),
	owner_region   TEXT NOT NULL REFERENCES region(code),
	share_pct      INTEGER NOT NULL,
	pass_score     INTEGER NOT NULL,
	completed_on   INTEGER,
	created_at     INTEGER NOT NULL
);

CREATE TABLE tr_session (
	id          INTEGER PRIMARY KEY,
	course_id   INTEGER NOT NULL REFERENCES tr_course(id),
	seq         INTEGER NOT NULL,
	day         INTEGER NOT NULL,
	starts      TEXT NOT NULL,
	place       TEXT NOT NULL,
	hours10     INTEGER NOT NULL,
	secret      TEXT NOT NULL,
	UNIQUE (course_id, seq)
);

CREATE TABLE tr_trainee (
	id             INTEGER PRIMARY KEY,
	course_id      INTEGER NOT NULL REFERENCES tr_course(id),
	name           TEXT NOT NULL,
	mobile_hash    TEXT NOT NULL,
	mobile_masked  TEXT NOT NULL,
	uscc           TEXT NOT NULL,
	org_name       TEXT NOT NULL,
	region         TEXT NOT NULL REFERENCES region(code),
	enrolled_on    INTEGER NOT NULL,
	ticket         TEXT NOT NULL UNIQUE,
	score          INTEGER,
	certificate    TEXT UNIQUE,
	completed_on   INTEGER,
	created_at     INTEGER NOT NULL,
	UNIQUE (course_id, mobile_hash)
);
CREATE INDEX tr_trainee_region ON tr_trainee(region);

CREATE TABLE tr_attendance (
	session_id  INTEGER NOT NULL REFERENCES tr_session(id),
	trainee_id  INTEGER NOT NULL REFERENCES tr_trainee(id),
	mark        TEXT NOT NULL CHECK (mark IN ('present', 'late', 'absent', 'excused')),
	source      TEXT NOT NULL CHECK (source IN ('organiser', 'self')),
	at          INTEGER NOT NULL,
	PRIMARY KEY (session_id, trainee_id)
);
