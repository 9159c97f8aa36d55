-- Maintained quote candidates (issue 16, after 0009_maintained_stances.sql): the rows of the view quote_candidates
-- (definitions/07_maintained_stances.sql) kept as a table, so that `viewpoints report` picks each finding's quotes
-- by an index scan that stops after a few rows instead of choosing every participant's best statement among all
-- final decisions on every call (3-10 s on Scripts/bench consensus, 3,000,000 codings). One row per participant,
-- proposition and side (1 support, −1 oppose) the participant took in some statement: that participant's best
-- statement on that side (its seq), strongest stance first, then the shortest text, then the first; with the
-- participant's number, which orders participants whose best statements tie. The triggers of
-- definitions/07_maintained_stances.sql refresh a participant's rows with their final decisions, and
-- `viewpoints audit verify` compares the table with the view. Only the owner writes it; leads read their studies'.
CREATE TABLE maintained_quote_candidates (
    study_id        bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    participant_id  bigint NOT NULL,
    code_id         bigint NOT NULL,
    side            smallint NOT NULL CHECK (side IN (-1, 1)),
    strength        smallint NOT NULL CHECK (strength IN (1, 2)),
    length          integer NOT NULL,
    number          integer NOT NULL,
    seq             integer NOT NULL,
    PRIMARY KEY (study_id, participant_id, code_id, side)
);
-- a finding's quotes in the report's order (QuoteSelection): its first rows for the proposition and side
CREATE INDEX maintained_quote_candidates_by_code
    ON maintained_quote_candidates (study_id, code_id, side, strength DESC, length, number)
    INCLUDE (participant_id, seq);

ALTER TABLE maintained_quote_candidates ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_read ON maintained_quote_candidates FOR SELECT
    USING (study_id IN (SELECT viewpoints_studies('lead')));
REVOKE ALL ON maintained_quote_candidates FROM PUBLIC;
