-- Coding: reviews, current codings, adjudications and the append-only audit trail; the final coding
-- (DOMAIN.md §3) as views, so psql users and every later query see the same thing.
-- Every table is study-scoped: study_id leads every primary and foreign key.
--
-- Rewritten in issue 12: its functions, triggers and views are in Schema/definitions/ alone now, which `db migrate`
-- applies after the migrations. A database migrated with the former text is accepted (`Migration.rewritten`).

-- A coder has been through a statement. A review covers the codes that existed then: code numbers are
-- never reused and only grow, so `codes_through` (the highest code number at the time) tells which codes
-- were seen; codes added later count as not yet reviewed.
CREATE TABLE reviews (
    study_id       bigint NOT NULL,
    statement_id   bigint NOT NULL,
    coder_id       bigint NOT NULL,
    codes_through  integer NOT NULL CHECK (codes_through >= 0),
    reviewed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, statement_id, coder_id),
    FOREIGN KEY (study_id, statement_id) REFERENCES statements (study_id, statement_id) ON DELETE CASCADE,
    FOREIGN KEY (study_id, coder_id) REFERENCES coders (study_id, coder_id) ON DELETE CASCADE
);
CREATE INDEX reviews_by_coder ON reviews (study_id, coder_id, statement_id);

-- The current decision of a coder: code applied to a statement with a stance. No row means "not applied"
-- when the coder's review covers the code, and "not seen" otherwise. A coding always has its review.
CREATE TABLE codings (
    study_id      bigint NOT NULL,
    statement_id  bigint NOT NULL,
    code_id       bigint NOT NULL,
    coder_id      bigint NOT NULL,
    stance        smallint NOT NULL CHECK (stance BETWEEN -2 AND 2),
    note          text CHECK (note <> ''),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, statement_id, code_id, coder_id),
    FOREIGN KEY (study_id, statement_id, coder_id)
        REFERENCES reviews (study_id, statement_id, coder_id) ON DELETE CASCADE,
    FOREIGN KEY (study_id, code_id) REFERENCES codes (study_id, code_id) ON DELETE CASCADE
);
CREATE INDEX codings_by_coder ON codings (study_id, coder_id, statement_id) INCLUDE (code_id, stance);

-- The audit trail: one row per change, ids only (the note is the coder's own words, never interview text).
-- Append-only for every role (trigger and revoked privileges); hash-chained per study so that an edit made
-- with triggers disabled is still detected by `viewpoints audit verify`.
CREATE TABLE coding_events (
    study_id      bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    seq           bigint NOT NULL,
    at            timestamptz NOT NULL,
    coder_id      bigint NOT NULL,
    statement_id  bigint NOT NULL,
    code_id       bigint,
    action        text NOT NULL
                  CHECK (action IN ('apply', 'change', 'remove', 'note', 'review', 'adjudicate')),
    old_applied   boolean,
    old_stance    smallint CHECK (old_stance BETWEEN -2 AND 2),
    new_applied   boolean,
    new_stance    smallint CHECK (new_stance BETWEEN -2 AND 2),
    note          text,
    prev_hash     bytea NOT NULL,
    hash          bytea NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (study_id, seq)
);
CREATE INDEX coding_events_by_pair ON coding_events (study_id, statement_id, code_id, seq);
CREATE INDEX coding_events_by_coder ON coding_events (study_id, coder_id, seq);

-- The last event of each study's chain. Its row lock, taken by a transaction's first event and held to
-- commit, orders a study's events; within the transaction the head travels in a transaction-local setting,
-- so a bulk insert does not update this row once per event.
CREATE TABLE coding_event_heads (
    study_id  bigint PRIMARY KEY REFERENCES studies (study_id) ON DELETE CASCADE,
    seq       bigint NOT NULL,
    hash      bytea NOT NULL
);

-- The hash chain (coding_event_text, coding_event_hash and the trigger coding_events_chain, with the head advanced
-- once per statement) and the append-only triggers are in Schema/definitions/03_coding_events.sql.

REVOKE UPDATE, DELETE, TRUNCATE ON coding_events FROM PUBLIC;

-- coding_event_breaks (events whose hash or link does not match) is in Schema/definitions/03_coding_events.sql.

-- A lead's decision on a statement and proposition: applied with a stance, or absent.
-- `event_seq` is the seq of its event: a coder's change of decision after it makes it stale.
CREATE TABLE adjudications (
    study_id      bigint NOT NULL,
    statement_id  bigint NOT NULL,
    code_id       bigint NOT NULL,
    lead_id       bigint NOT NULL,
    applied       boolean NOT NULL,
    stance        smallint CHECK (stance BETWEEN -2 AND 2),
    event_seq     bigint NOT NULL,
    decided_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, statement_id, code_id),
    CHECK (applied = (stance IS NOT NULL)),
    FOREIGN KEY (study_id, statement_id) REFERENCES statements (study_id, statement_id) ON DELETE CASCADE,
    FOREIGN KEY (study_id, code_id) REFERENCES codes (study_id, code_id) ON DELETE CASCADE,
    FOREIGN KEY (study_id, lead_id) REFERENCES coders (study_id, coder_id)
);

-- The final coding (DOMAIN.md §3): coder_decisions, adjudication_status, final_decisions, final_codings and
-- disagreements, views in Schema/definitions/04_final_coding.sql.
