-- Disclosure control (issue 14): every participant's secret cell key, for the cell key method with which the
-- analysts' aggregate functions perturb the counts they release (METHODS.md, "Disclosure control for analysts";
-- the functions and the trigger that gives each new participant a key are in Schema/definitions/07_disclosure.sql).
-- A key is a uniform random integer in [0, 2^31 - 1), drawn from PostgreSQL's strong random source
-- (gen_random_uuid). Analysts and coders are granted nothing on this table; `db roles` lets a lead read their own
-- studies' keys (a lead sees every exact count anyway, and `backup` carries the keys).
CREATE TABLE participant_cell_keys (
    study_id        bigint NOT NULL,
    participant_id  bigint NOT NULL,
    cell_key        bigint NOT NULL CHECK (cell_key >= 0 AND cell_key < 2147483647),
    PRIMARY KEY (study_id, participant_id),
    FOREIGN KEY (study_id, participant_id) REFERENCES participants (study_id, participant_id) ON DELETE CASCADE
);

ALTER TABLE participant_cell_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_read ON participant_cell_keys FOR SELECT USING (study_id IN (SELECT viewpoints_studies('lead')));

-- Participants imported before this migration get their keys now.
INSERT INTO participant_cell_keys (study_id, participant_id, cell_key)
SELECT p.study_id, p.participant_id,
       ('x' || left(replace(gen_random_uuid()::text, '-', ''), 8))::bit(32)::bigint % 2147483647
  FROM participants p;

-- What `db roles` grants, granted here too for a database whose roles exist already.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'viewpoints_lead') THEN
        GRANT SELECT ON participant_cell_keys TO viewpoints_lead;
    END IF;
END
$$;
