-- Withdrawals under the roles of 0004: a lead of the study reads and records them (`db roles` grants SELECT, INSERT).
ALTER TABLE withdrawals ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_all ON withdrawals USING (study_id IN (SELECT viewpoints_studies('lead')));
