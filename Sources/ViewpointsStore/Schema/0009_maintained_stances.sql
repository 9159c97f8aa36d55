-- Maintained final decisions and participant stances (issue 15): tables that hold exactly the rows of the views
-- final_decisions and participant_stances (Schema/definitions/04_final_coding.sql, the one definition), so that
-- consensus and the commands built on it read a table with covering indexes instead of re-deriving every decision
-- on every call. They are an index of the views, never a second rule: the triggers of
-- Schema/definitions/07_maintained_stances.sql refresh the affected participants' rows from the views themselves,
-- in the transaction that changed them (at its commit), and `viewpoints audit verify` compares them with the views.
--
-- Only the owner writes them (the triggers run as the owner); leads read their studies' rows.

CREATE TABLE maintained_final_decisions (
    study_id        bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    statement_id    bigint NOT NULL,
    code_id         bigint NOT NULL,
    basis           text NOT NULL,
    applied         boolean,
    stance          smallint,
    stale           boolean NOT NULL,
    reviewers       bigint NOT NULL,
    participant_id  bigint NOT NULL,
    PRIMARY KEY (study_id, statement_id, code_id)
);
CREATE INDEX maintained_final_decisions_by_participant ON maintained_final_decisions (study_id, participant_id);
CREATE INDEX maintained_final_decisions_by_code ON maintained_final_decisions (study_id, code_id)
    INCLUDE (stance, basis);

CREATE TABLE maintained_participant_stances (
    study_id        bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    participant_id  bigint NOT NULL,
    code_id         bigint NOT NULL,
    statements      bigint NOT NULL,
    unresolved      bigint NOT NULL,
    mean            numeric,
    stance          smallint,
    position        text,
    PRIMARY KEY (study_id, participant_id, code_id)
);
-- covering the tallies: per proposition, each participant's rounded stance and unresolved count
CREATE INDEX maintained_participant_stances_by_code ON maintained_participant_stances (study_id, code_id)
    INCLUDE (participant_id, stance, unresolved);

-- Statements whose decisions a transaction changed, queued by the statement-level triggers and refreshed once, at
-- commit, by the deferred trigger on maintained_flushes (one row per transaction that queued anything). Rows of
-- other transactions are never visible here: each transaction empties what it queued before it commits.
CREATE UNLOGGED TABLE maintained_pending (
    study_id      bigint NOT NULL,
    statement_id  bigint NOT NULL
);
CREATE UNLOGGED TABLE maintained_flushes (
    txid  xid8 PRIMARY KEY
);

ALTER TABLE maintained_final_decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_read ON maintained_final_decisions FOR SELECT
    USING (study_id IN (SELECT viewpoints_studies('lead')));
ALTER TABLE maintained_participant_stances ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_read ON maintained_participant_stances FOR SELECT
    USING (study_id IN (SELECT viewpoints_studies('lead')));
ALTER TABLE maintained_pending ENABLE ROW LEVEL SECURITY;
ALTER TABLE maintained_flushes ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON maintained_final_decisions, maintained_participant_stances, maintained_pending, maintained_flushes
    FROM PUBLIC;
