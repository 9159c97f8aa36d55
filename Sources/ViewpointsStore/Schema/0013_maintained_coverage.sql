-- Maintained coverage (issue 15, after 0009_maintained_stances.sql): the view study_coverage kept as counts, so that
-- consensus does not count a large study's statements and reviewed statements on every call. The study's statements
-- are counted by the statement triggers, the reviewed ones at the flush from maintained_reviewed (the set of
-- reviewed statements, so that a change counts only what it changed); definitions/07_maintained_stances.sql keeps
-- both, and `viewpoints audit verify` compares them with study_coverage. Only the owner writes them.
CREATE TABLE maintained_coverage (
    study_id    bigint PRIMARY KEY REFERENCES studies (study_id) ON DELETE CASCADE,
    statements  bigint NOT NULL,
    reviewed    bigint NOT NULL
);
CREATE TABLE maintained_reviewed (
    study_id      bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    statement_id  bigint NOT NULL,
    PRIMARY KEY (study_id, statement_id)
);

ALTER TABLE maintained_coverage ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_read ON maintained_coverage FOR SELECT USING (study_id IN (SELECT viewpoints_studies('lead')));
ALTER TABLE maintained_reviewed ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON maintained_coverage, maintained_reviewed FROM PUBLIC;
