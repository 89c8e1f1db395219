-- 0031 an applicant account that registers an organisation or person already
-- registered is answered exactly as a new registration is (202), so that the
-- answer tells nobody what is registered. The attempt is kept here instead:
-- the applicant the record is bound to, and the county and office of its
-- region, read it (GET /api/v1/registration-attempts) and learn that someone
-- claimed their identity.
CREATE TABLE registration_attempt (
	id               INTEGER PRIMARY KEY,
	organisation_id  INTEGER REFERENCES organisation(id),
	person_id        INTEGER REFERENCES person(id),
	account_id       INTEGER NOT NULL REFERENCES account(id),
	name             TEXT NOT NULL,
	region           TEXT NOT NULL,
	created_at       INTEGER NOT NULL,
	CHECK ((organisation_id IS NULL) <> (person_id IS NULL))
);
CREATE INDEX registration_attempt_organisation ON registration_attempt(organisation_id);
CREATE INDEX registration_attempt_person ON registration_attempt(person_id);
