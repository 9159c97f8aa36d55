-- Consent withdrawal (issue 7): the participant's row, statements and, through the foreign keys, the reviews,
-- codings and adjudications on those statements are deleted in one transaction. The id-only coding events stay
-- (the audit trail is never edited), and a `withdrawals` row records who withdrew, when, by whom, and which
-- statement ids went. The row keeps the pseudonym, its number and the keyed digest, so the pseudonym is never
-- given again and importing the same person again is skipped with a message; destroying the study key makes the
-- digest unlinkable to anyone. This file depends on 0001-0003 only.

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

-- What a withdrawal's hash covers: every field but the hash and the internal withdrawal_id.
CREATE FUNCTION withdrawal_text(w withdrawals) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s',
        w.study_id, quote_literal(w.pseudonym), w.number, encode(w.digest, 'hex'), w.statement_ids::text,
        w.statements, w.codings, w.reviews, w.adjudications, quote_literal(w.withdrawn_by), quote_nullable(w.lead),
        to_char(w.withdrawn_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), w.chain_seq)
$$;

-- The hash of the coding event the withdrawal is anchored to, chained with the withdrawal's own text.
CREATE FUNCTION withdrawal_hash(w withdrawals) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(coalesce((SELECT e.hash FROM coding_events e WHERE e.study_id = w.study_id AND e.seq = w.chain_seq),
                           '\x'::bytea)
                  || convert_to(withdrawal_text(w), 'UTF8'))
$$;

CREATE FUNCTION withdrawals_hash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.hash := withdrawal_hash(NEW);
    RETURN NEW;
END
$$;

CREATE TRIGGER withdrawals_hash BEFORE INSERT ON withdrawals FOR EACH ROW EXECUTE FUNCTION withdrawals_hash();

-- Like coding events: no role may change or remove a withdrawal; deleting the whole study takes them with it.
CREATE FUNCTION withdrawals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM studies WHERE study_id = OLD.study_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'withdrawals are a permanent record: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER withdrawals_no_update BEFORE UPDATE OR DELETE ON withdrawals
    FOR EACH ROW EXECUTE FUNCTION withdrawals_append_only();
CREATE TRIGGER withdrawals_no_truncate BEFORE TRUNCATE ON withdrawals
    FOR EACH STATEMENT EXECUTE FUNCTION withdrawals_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON withdrawals FROM PUBLIC;

-- Withdraws one participant of a study: deletes their statements (reviews, codings and adjudications on them go
-- with the foreign keys) and their row, and records the withdrawal. The caller's transaction holds it together;
-- the chain head's row lock orders it with concurrent coding. Returns the withdrawal, or nothing when the study
-- has no such participant.
CREATE FUNCTION withdraw_participant(study bigint, who text, lead_name text DEFAULT NULL)
RETURNS SETOF withdrawals LANGUAGE plpgsql AS $$
DECLARE
    p participants;
    ids bigint[];
    head bigint;
BEGIN
    INSERT INTO coding_event_heads (study_id, seq, hash) VALUES (study, 0, '\x'::bytea)
        ON CONFLICT (study_id) DO NOTHING;
    SELECT h.seq INTO head FROM coding_event_heads h WHERE h.study_id = study FOR UPDATE;
    SELECT * INTO p FROM participants WHERE study_id = study AND pseudonym = who FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT coalesce(array_agg(statement_id ORDER BY statement_id), '{}') INTO ids
      FROM statements WHERE study_id = study AND participant_id = p.participant_id;
    RETURN QUERY
    INSERT INTO withdrawals (study_id, pseudonym, number, digest, statement_ids, statements, codings, reviews,
                             adjudications, lead, chain_seq)
    SELECT study, p.pseudonym, p.number, p.digest, ids, cardinality(ids),
           (SELECT count(*) FROM codings g WHERE g.study_id = study AND g.statement_id = ANY (ids)),
           (SELECT count(*) FROM reviews r WHERE r.study_id = study AND r.statement_id = ANY (ids)),
           (SELECT count(*) FROM adjudications a WHERE a.study_id = study AND a.statement_id = ANY (ids)),
           lead_name, head
    RETURNING *;
    DELETE FROM statements WHERE study_id = study AND statement_id = ANY (ids);
    DELETE FROM participants WHERE study_id = study AND participant_id = p.participant_id;
END
$$;

-- What `audit verify` reports besides the chain itself: withdrawals whose record was altered, and events about
-- statements that are gone without a withdrawal that names them (a deletion made around Viewpoints).
CREATE VIEW audit_withdrawal_problems AS
SELECT w.study_id, w.chain_seq AS seq, 'withdrawal of ' || w.pseudonym || ' was altered' AS problem
  FROM withdrawals w
 WHERE w.hash IS DISTINCT FROM withdrawal_hash(w)
UNION ALL
SELECT e.study_id, min(e.seq), 'statement #' || e.statement_id || ' of this event was removed without a recorded withdrawal'
  FROM coding_events e
 WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.study_id = e.study_id AND s.statement_id = e.statement_id)
   AND NOT EXISTS (SELECT 1 FROM withdrawals w
                    WHERE w.study_id = e.study_id AND e.statement_id = ANY (w.statement_ids) AND e.seq <= w.chain_seq)
 GROUP BY e.study_id, e.statement_id;

-- Restore (viewpoints restore) replays a study's events in order into a new study: the chain is recomputed for the
-- new ids (seq, prev_hash and hash as on any insert), but the time of each event is kept when the schema owner sets
-- viewpoints.restoring for the transaction. Everything else is 0002's function unchanged.
CREATE OR REPLACE FUNCTION coding_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    setting text := 'viewpoints.chain_head_' || NEW.study_id;
    cached text := current_setting(setting, true);
    head_seq bigint;
    head_hash bytea;
BEGIN
    IF cached IS NULL OR cached = '' THEN
        INSERT INTO coding_event_heads (study_id, seq, hash) VALUES (NEW.study_id, 0, '\x'::bytea)
            ON CONFLICT (study_id) DO NOTHING;
        SELECT seq, hash INTO head_seq, head_hash
          FROM coding_event_heads WHERE study_id = NEW.study_id FOR UPDATE;
    ELSE
        head_seq := split_part(cached, ':', 1)::bigint;
        head_hash := decode(split_part(cached, ':', 2), 'hex');
    END IF;
    NEW.seq := head_seq + 1;
    NEW.prev_hash := head_hash;
    IF NEW.at IS NULL OR coalesce(current_setting('viewpoints.restoring', true), '') <> 'on'
       OR NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'coding_events'::regclass), 'MEMBER')
    THEN
        NEW.at := clock_timestamp();
    END IF;
    NEW.hash := coding_event_hash(NEW);
    PERFORM set_config(setting, NEW.seq || ':' || encode(NEW.hash, 'hex'), true);
    RETURN NEW;
END
$$;
