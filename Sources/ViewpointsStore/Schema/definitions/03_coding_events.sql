-- The audit trail's hash chain (first defined in 0002_coding.sql and 0005_withdrawals.sql).
--
-- The chain trigger runs as the table's owner (SECURITY DEFINER, search_path pinned by 99_pin_search_path.sql):
-- only owner-run code reads and writes coding_event_heads, which no other role may change. What a session can set
-- is never trusted:
-- - the transaction-local setting viewpoints.chain_head_N is only a cache of the head within a transaction (a bulk
--   insert would otherwise update the head row once per event); once per statement the new events are checked
--   against the recorded head and each other, so a statement that followed a forged value fails;
-- - an event's time is the server's clock; only a session whose login is a member of the table's owner (found from
--   TG_RELID, never by name) keeps the time it gives, and only while it set viewpoints.restoring (restore does).

-- The text an event's hash covers: every field but the hashes, unambiguous and independent of settings.
-- STABLE, as to_char is: an IMMUTABLE wrapper around it would not be inlined and costs 20x per event.
CREATE OR REPLACE FUNCTION coding_event_text(e coding_events) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s',
        e.study_id, e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), e.coder_id,
        e.statement_id, quote_nullable(e.code_id), quote_literal(e.action), quote_nullable(e.old_applied),
        quote_nullable(e.old_stance), quote_nullable(e.new_applied), quote_nullable(e.new_stance),
        quote_nullable(e.note))
$$;

CREATE OR REPLACE FUNCTION coding_event_hash(e coding_events) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT sha256(e.prev_hash || convert_to(coding_event_text(e), 'UTF8'))
$$;

-- Per event: the next seq, the link to the event before and the hash. Within a transaction the head travels in the
-- transaction-local setting (a bulk insert would otherwise update the head row once per event); the setting is
-- only trusted as far as coding_events_advance_head, once per statement, finds the new events linked to the
-- recorded head and to each other (a value that is not SEQ:HEX fails the statement at once). No regular expression
-- checks it here: one per event cost a third of the trigger's time.
-- Every statement an event passes through is a simple expression, which PL/pgSQL evaluates without starting the
-- executor: a PERFORM, or a condition holding a subquery, runs a query plan per event (together they were a third
-- of the trigger's CPU on `import codings`); only a restore, which gives its events' times, reaches the subquery.
CREATE OR REPLACE FUNCTION coding_events_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    setting text := 'viewpoints.chain_head_' || NEW.study_id;
    cached text := current_setting(setting, true);
    head_seq bigint;
    head_hash bytea;
    ignored text;
BEGIN
    IF cached <> '' THEN
        head_seq := split_part(cached, ':', 1)::bigint;
        head_hash := decode(split_part(cached, ':', 2), 'hex');
    ELSE
        INSERT INTO coding_event_heads (study_id, seq, hash) VALUES (NEW.study_id, 0, '\x'::bytea)
            ON CONFLICT (study_id) DO NOTHING;
        SELECT h.seq, h.hash INTO head_seq, head_hash
          FROM coding_event_heads h WHERE h.study_id = NEW.study_id FOR UPDATE;
    END IF;
    NEW.seq := head_seq + 1;
    NEW.prev_hash := head_hash;
    IF NEW.at IS NULL THEN
        NEW.at := clock_timestamp();
    ELSIF current_setting('viewpoints.restoring', true) IS DISTINCT FROM 'on'
       OR NOT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER')
    THEN
        NEW.at := clock_timestamp();
    END IF;
    NEW.hash := coding_event_hash(NEW);
    ignored := set_config(setting, NEW.seq || ':' || encode(NEW.hash, 'hex'), true);
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS coding_events_chain ON coding_events;
CREATE TRIGGER coding_events_chain BEFORE INSERT ON coding_events
    FOR EACH ROW EXECUTE FUNCTION coding_events_chain();

-- Once per statement: the statement's new events must continue the recorded head (whose row lock this takes) and
-- each other, seq by seq and hash by hash, whatever the setting said; then the head becomes the last of them.
CREATE OR REPLACE FUNCTION coding_events_advance_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    broken record;
BEGIN
    PERFORM 1 FROM coding_event_heads h WHERE h.study_id IN (SELECT DISTINCT e.study_id FROM new_events e)
     ORDER BY h.study_id FOR UPDATE;
    SELECT e.study_id, e.seq INTO broken
      FROM (SELECT n.study_id, n.seq, n.prev_hash,
                   lag(n.seq) OVER w AS before_seq, lag(n.hash) OVER w AS before_hash
              FROM new_events n WINDOW w AS (PARTITION BY n.study_id ORDER BY n.seq)) e
      JOIN coding_event_heads h ON h.study_id = e.study_id
     WHERE e.seq <> coalesce(e.before_seq, h.seq) + 1
        OR e.prev_hash IS DISTINCT FROM coalesce(e.before_hash, h.hash)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'coding event % of study #% does not continue the audit chain', broken.seq, broken.study_id
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'viewpoints.chain_head_N is the chain trigger''s own setting: do not set it';
    END IF;
    UPDATE coding_event_heads h SET seq = n.seq, hash = n.hash
      FROM (SELECT DISTINCT ON (e.study_id) e.study_id, e.seq, e.hash
              FROM new_events e ORDER BY e.study_id, e.seq DESC) n
     WHERE h.study_id = n.study_id;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS coding_events_head ON coding_events;
CREATE TRIGGER coding_events_head AFTER INSERT ON coding_events
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION coding_events_advance_head();

-- A permanent record (coding events here, withdrawals in 05_withdrawals.sql): no role may change, remove or truncate
-- its rows; only deleting the whole study takes them with it. The trigger's arguments: what the refusal says
-- before ": UPDATE is not allowed", and optionally a hint.
CREATE OR REPLACE FUNCTION refuse_change_to_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM studies s WHERE s.study_id = OLD.study_id) THEN
        RETURN OLD;
    END IF;
    IF TG_NARGS > 1 THEN
        RAISE EXCEPTION '%: % is not allowed', TG_ARGV[0], TG_OP
            USING ERRCODE = 'insufficient_privilege', HINT = TG_ARGV[1];
    END IF;
    RAISE EXCEPTION '%: % is not allowed', TG_ARGV[0], TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER IF EXISTS coding_events_no_update ON coding_events;
CREATE TRIGGER coding_events_no_update BEFORE UPDATE OR DELETE ON coding_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record(
        'coding events are append-only', 'record a new coding action instead; the audit trail keeps every change');
DROP TRIGGER IF EXISTS coding_events_no_truncate ON coding_events;
CREATE TRIGGER coding_events_no_truncate BEFORE TRUNCATE ON coding_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_record(
        'coding events are append-only', 'record a new coding action instead; the audit trail keeps every change');
-- the function these triggers called before refuse_change_to_record served withdrawals too
DROP FUNCTION IF EXISTS coding_events_append_only();

-- Events whose hash or link to the previous event does not match, or whose time is before the previous event's
-- (the server's clock only moves on): empty when the trail is intact.
CREATE OR REPLACE VIEW coding_event_breaks WITH (security_invoker = true) AS
SELECT study_id, seq,
       CASE WHEN hash IS DISTINCT FROM expected_hash THEN 'altered'
            WHEN seq <> expected_seq THEN 'missing before'
            WHEN prev_hash IS DISTINCT FROM expected_prev THEN 'relinked'
            ELSE 'dated before the event before it' END AS problem
  FROM (SELECT e.study_id, e.seq, e.hash, e.prev_hash, e.at, coding_event_hash(e) AS expected_hash,
               coalesce(lag(e.hash) OVER w, '\x'::bytea) AS expected_prev,
               coalesce(lag(e.seq) OVER w, 0) + 1 AS expected_seq,
               lag(e.at) OVER w AS previous_at
          FROM coding_events e
        WINDOW w AS (PARTITION BY e.study_id ORDER BY e.seq)) e
 WHERE hash IS DISTINCT FROM expected_hash
    OR prev_hash IS DISTINCT FROM expected_prev
    OR seq <> expected_seq
    OR at < previous_at;
