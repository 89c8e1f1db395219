-- 0044 the quality status survey (质量状况大调查, 湘市监办发〔2022〕71号 三(四)):
-- a survey of a key industry or product defined as data (its indicators with
-- unit and direction, the management systems asked about, further questions
-- in the reporting engine's form format), the enterprises' answers, and the
-- benchmarks the answers are compared with (domestic or international
-- benchmark products or standards, and award winners already in pingxuan).
-- A register owned by the region of the office that keeps the survey.
-- And the local summaries (本地总结与典型案例) a province requests from its
-- cities through the reporting engine, one request per province and year.
CREATE TABLE sv_survey (
	id            INTEGER PRIMARY KEY,
	owner_region  TEXT NOT NULL REFERENCES region(code),
	title         TEXT NOT NULL,
	industry      TEXT NOT NULL,
	weakness_pct  INTEGER NOT NULL,
	form          TEXT NOT NULL,
	created_at    INTEGER NOT NULL
);

CREATE TABLE sv_answer (
	id               INTEGER PRIMARY KEY,
	survey_id        INTEGER NOT NULL REFERENCES sv_survey(id),
	organisation_id  INTEGER NOT NULL REFERENCES organisation(id),
	region           TEXT NOT NULL REFERENCES region(code),
	content          TEXT NOT NULL,
	answered_on      INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	UNIQUE (survey_id, organisation_id)
);

CREATE TABLE sv_benchmark (
	id               INTEGER PRIMARY KEY,
	survey_id        INTEGER NOT NULL REFERENCES sv_survey(id),
	kind             TEXT NOT NULL CHECK (kind IN ('domestic', 'international', 'winner')),
	name             TEXT NOT NULL,
	source           TEXT NOT NULL,
	standard         TEXT,
	organisation_id  INTEGER REFERENCES organisation(id),
	levels           TEXT NOT NULL,
	created_at       INTEGER NOT NULL
);
CREATE INDEX sv_benchmark_survey ON sv_benchmark(survey_id);

CREATE TABLE tg_summary (
	region      TEXT NOT NULL REFERENCES region(code),
	year        INTEGER NOT NULL,
	request_id  INTEGER NOT NULL REFERENCES report_request(id),
	PRIMARY KEY (region, year)
);
