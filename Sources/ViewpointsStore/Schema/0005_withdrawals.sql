-- Consent withdrawal (issue 7): the participant's row, statements and, through the foreign keys, the reviews,
-- codings and adjudications on those statements are deleted in one transaction. The id-only coding events stay
-- (the audit trail is never edited), and a `withdrawals` row records who withdrew, when, by whom, and which
-- statement ids went. The row keeps the pseudonym, its number and the keyed digest, so the pseudonym is never
-- given again and importing the same person again is skipped with a message; destroying the study key makes the
-- digest unlinkable to anyone. This file depends on 0001-0003 only.
--
-- Rewritten in issue 12: its functions, triggers and view are in Schema/definitions/ alone now, which `db migrate`
-- applies after the migrations. A database migrated with the former text is accepted (`Migration.rewritten`).

CREATE TABLE withdrawals (
    study_id        bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    withdrawal_id   bigint GENERATED ALWAYS AS IDENTITY,
    pseudonym       text NOT NULL CHECK (pseudonym ~ '^P[0-9]{2,}$'),
    number          integer NOT NULL CHECK (number >= 1),
    digest          bytea NOT NULL CHECK (length(digest) = 32),
    -- ids only: the statements deleted, so that `audit verify` can tell their events from a silent deletion
    statement_ids   bigint[] NOT NULL,
    statements      integer NOT NULL CHECK (statements >= 0),
    codings         integer NOT NULL CHECK (codings >= 0),
    reviews         integer NOT NULL CHECK (reviews >= 0),
    adjudications   integer NOT NULL CHECK (adjudications >= 0),
    -- the database user who ran it, and the lead (a coder of the study) when one was named
    withdrawn_by    text NOT NULL DEFAULT session_user,
    lead            text,
    withdrawn_at    timestamptz NOT NULL DEFAULT now(),
    -- the last coding event when the withdrawal happened: the withdrawal's hash covers that event's hash
    chain_seq       bigint NOT NULL CHECK (chain_seq >= 0),
    hash            bytea NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (study_id, withdrawal_id),
    UNIQUE (study_id, pseudonym),
    UNIQUE (study_id, number),
    UNIQUE (study_id, digest)
);

-- The withdrawal's hash (withdrawal_text, withdrawal_hash, the trigger withdrawals_hash) and the triggers that keep
-- withdrawals a permanent record are in Schema/definitions/05_withdrawals.sql.

REVOKE UPDATE, DELETE, TRUNCATE ON withdrawals FROM PUBLIC;

-- withdraw_participant (the withdrawal itself), the view audit_withdrawal_problems and the restore's handling of
-- event times in coding_events_chain are in Schema/definitions/05_withdrawals.sql and 03_coding_events.sql.
