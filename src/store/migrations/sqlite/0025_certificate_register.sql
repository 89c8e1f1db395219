-- 0025 the certificate register (docs/certification.md). A certificate of a
-- certification (湖南名品) has a validity period and a status: valid,
-- suspended, revoked, cancelled or expired; each change is an event with
-- its reason and date (and an audit record). Award certificates keep the
-- defaults: valid, without an end. region is the holder's division, for the
-- public register's search.
ALTER TABLE certificate ADD COLUMN status TEXT NOT NULL DEFAULT 'valid';
ALTER TABLE certificate ADD COLUMN valid_from TEXT;
ALTER TABLE certificate ADD COLUMN valid_to TEXT;
ALTER TABLE certificate ADD COLUMN region TEXT;
ALTER TABLE certificate ADD COLUMN product TEXT;
ALTER TABLE certificate ADD COLUMN score INTEGER;
CREATE INDEX certificate_valid_to ON certificate(valid_to);

CREATE TABLE certificate_event (
	id              INTEGER PRIMARY KEY,
	certificate_id  INTEGER NOT NULL REFERENCES certificate(id),
	action          TEXT NOT NULL,   -- issue, suspend, reinstate, revoke, cancel, expire
	from_status     TEXT,
	to_status       TEXT NOT NULL,
	reason          TEXT NOT NULL,
	on_date         TEXT NOT NULL,
	actor           TEXT NOT NULL,
	created_at      INTEGER NOT NULL
);
CREATE INDEX certificate_event_certificate ON certificate_event(certificate_id);
