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
