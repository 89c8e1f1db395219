-- 0030 a past-winner record is corrected in place by the office that keeps it
-- (audited with the old and the new values): the masked resident ID number is
-- kept beside its keyed hash so that the audit and the list can show it even
-- when the person is not registered here.
ALTER TABLE past_winner ADD COLUMN id_masked TEXT;
