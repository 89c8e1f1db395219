-- 0038 the ten advanced quality-management models (十, 湘市监办发〔2022〕71号):
-- chosen by an office from award winners and honours, each with its method
-- and its promotion record (巡回演讲, 新闻宣传, 专栏版画, 编印资料).
CREATE TABLE qm_model (
	id            INTEGER PRIMARY KEY,
	owner_region  TEXT NOT NULL REFERENCES region(code),
	uscc          TEXT NOT NULL,
	org_name      TEXT NOT NULL,
	region        TEXT NOT NULL REFERENCES region(code),
	model_name    TEXT NOT NULL,
	summary       TEXT NOT NULL,
	source        TEXT NOT NULL,
	created_at    INTEGER NOT NULL,
	UNIQUE (owner_region, uscc)
);

CREATE TABLE qm_promotion (
	id          INTEGER PRIMARY KEY,
	model_id    INTEGER NOT NULL REFERENCES qm_model(id),
	kind        TEXT NOT NULL CHECK (kind IN ('lecture_tour', 'news', 'column', 'publication')),
	on_date     INTEGER NOT NULL,
	place       TEXT NOT NULL,
	reach       INTEGER NOT NULL,
	note        TEXT NOT NULL,
	created_at  INTEGER NOT NULL
);
CREATE INDEX qm_promotion_model ON qm_promotion(model_id);
