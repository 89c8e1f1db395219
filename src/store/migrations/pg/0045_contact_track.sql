-- 0045 each reporting unit's contact (联络员): a name and a mobile number to
-- which deadline reminders are sent by SMS. The number is kept encrypted (it
-- must be read back to send) beside a masked copy for display.
CREATE TABLE unit_contact (
	account_id    BIGINT PRIMARY KEY REFERENCES account(id),
	name          TEXT NOT NULL,
	mobile_masked TEXT NOT NULL,
	mobile_sealed TEXT NOT NULL,
	updated_by    BIGINT,
	updated_at    BIGINT NOT NULL
);

-- The tracks each application stands in: its own track, and for a brand of
-- the ranking every track it chose (1 or 2). The public vote lists, checks
-- and counts a candidate in each of them.
CREATE VIEW application_track AS
	SELECT id AS application_id, programme_id, track_code FROM application
	UNION
	SELECT application_id, programme_id, track_code FROM ranking_track;
