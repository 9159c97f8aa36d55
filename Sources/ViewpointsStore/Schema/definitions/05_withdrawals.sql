-- Consent withdrawal (first defined in 0005_withdrawals.sql). Only withdraw_participant, which runs as the
-- owner, records a withdrawal for a lead: no role but the owner may insert into withdrawals (`db roles` grants
-- leads SELECT only), and the record names session_user as who withdrew, whatever a caller passes.

-- What a withdrawal's hash covers: every field but the hash and the internal withdrawal_id.
CREATE OR REPLACE FUNCTION withdrawal_text(w withdrawals) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s',
        w.study_id, quote_literal(w.pseudonym), w.number, encode(w.digest, 'hex'), w.statement_ids::text,
        w.statements, w.codings, w.reviews, w.adjudications, quote_literal(w.withdrawn_by), quote_nullable(w.lead),
        to_char(w.withdrawn_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), w.chain_seq)
$$;

-- The hash of the coding event the withdrawal is anchored to, chained with the withdrawal's own text.
CREATE OR REPLACE FUNCTION withdrawal_hash(w withdrawals) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(coalesce((SELECT e.hash FROM coding_events e WHERE e.study_id = w.study_id AND e.seq = w.chain_seq),
                           '\x'::bytea)
                  || convert_to(withdrawal_text(w), 'UTF8'))
$$;

-- Who and when come from the session and the server, except for the owner (restore keeps the archived ones).
CREATE OR REPLACE FUNCTION withdrawals_hash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
        NEW.withdrawn_by := session_user;
        NEW.withdrawn_at := now();
    END IF;
    NEW.hash := withdrawal_hash(NEW);
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS withdrawals_hash ON withdrawals;
CREATE TRIGGER withdrawals_hash BEFORE INSERT ON withdrawals FOR EACH ROW EXECUTE FUNCTION withdrawals_hash();

-- Like coding events, a permanent record (refuse_change_to_record, 03_coding_events.sql): no role may change or
-- remove a withdrawal; deleting the whole study takes them with it.
DROP TRIGGER IF EXISTS withdrawals_no_update ON withdrawals;
CREATE TRIGGER withdrawals_no_update BEFORE UPDATE OR DELETE ON withdrawals
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record('withdrawals are a permanent record');
DROP TRIGGER IF EXISTS withdrawals_no_truncate ON withdrawals;
CREATE TRIGGER withdrawals_no_truncate BEFORE TRUNCATE ON withdrawals
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_record('withdrawals are a permanent record');
-- the function these triggers called before refuse_change_to_record
DROP FUNCTION IF EXISTS withdrawals_append_only();

-- Withdraws one participant of a study: deletes their statements (reviews, codings and adjudications on them go
-- with the foreign keys) and their row, and records the withdrawal. Runs as the owner, for the owner or a lead of
-- the study only (insufficient_privilege otherwise, the same for a study that does not exist); `lead_name`, when
-- given, must be a coder of the study. The caller's transaction holds it together; the chain head's row lock
-- orders it with concurrent coding. Returns the withdrawal, or nothing when the study has no such participant.
CREATE OR REPLACE FUNCTION withdraw_participant(study bigint, who text, lead_name text DEFAULT NULL)
RETURNS SETOF withdrawals LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    p participants;
    ids bigint[];
    head bigint;
BEGIN
    IF NOT (viewpoints_session_is_owner() OR viewpoints_has_role(study, 'lead')) THEN
        RAISE EXCEPTION 'login % is not a lead of study #%: it may not withdraw participants', session_user, study
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'a lead of the study or an owner withdraws participants';
    END IF;
    IF lead_name IS NOT NULL AND NOT EXISTS (SELECT 1 FROM coders k WHERE k.study_id = study AND k.name = lead_name)
    THEN
        RAISE EXCEPTION 'no coder % in study #%', lead_name, study USING ERRCODE = 'foreign_key_violation';
    END IF;
    INSERT INTO coding_event_heads (study_id, seq, hash) VALUES (study, 0, '\x'::bytea)
        ON CONFLICT (study_id) DO NOTHING;
    SELECT h.seq INTO head FROM coding_event_heads h WHERE h.study_id = study FOR UPDATE;
    SELECT * INTO p FROM participants x WHERE x.study_id = study AND x.pseudonym = who FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT coalesce(array_agg(s.statement_id ORDER BY s.statement_id), '{}') INTO ids
      FROM statements s WHERE s.study_id = study AND s.participant_id = p.participant_id;
    RETURN QUERY
    INSERT INTO withdrawals (study_id, pseudonym, number, digest, statement_ids, statements, codings, reviews,
                             adjudications, lead, chain_seq)
    SELECT study, p.pseudonym, p.number, p.digest, ids, cardinality(ids),
           (SELECT count(*) FROM codings g WHERE g.study_id = study AND g.statement_id = ANY (ids)),
           (SELECT count(*) FROM reviews r WHERE r.study_id = study AND r.statement_id = ANY (ids)),
           (SELECT count(*) FROM adjudications a WHERE a.study_id = study AND a.statement_id = ANY (ids)),
           lead_name, head
    RETURNING *;
    DELETE FROM statements s WHERE s.study_id = study AND s.statement_id = ANY (ids);
    DELETE FROM participants x WHERE x.study_id = study AND x.participant_id = p.participant_id;
END
$$;

REVOKE EXECUTE ON FUNCTION withdraw_participant(bigint, text, text) FROM PUBLIC;

-- What `audit verify` reports besides the chain itself: withdrawals whose record was altered, and events about
-- statements that are gone without a withdrawal that names them (a deletion made around Viewpoints).
CREATE OR REPLACE VIEW audit_withdrawal_problems WITH (security_invoker = true) AS
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
