-- Maintained final decisions and participant stances (issue 15; tables in 0009_maintained_stances.sql): an index
-- of the views final_decisions and participant_stances (04_final_coding.sql), which stay the one definition.
--
-- Every change that can alter a final decision queues the statements it touched, once per SQL statement and
-- set-wise (statement-level triggers with transition tables): codings, reviews and adjudications written,
-- changed or deleted (by coding, import, restore, or a withdrawal's cascade), statements moved to another
-- participant, and coding events that make an adjudication stale. Codebook additions cannot change a decision (a
-- new code has no codings, and a review's coverage of the existing codes does not change), so codes need no
-- trigger; deleting a code cascades to its codings and adjudications, which queue.
-- At commit (a deferred trigger, once per transaction) the queued statements' participants are refreshed: their
-- rows are deleted and read again from the views restricted to each participant, or, when many participants of a
-- study changed (imports, restores), the whole study's rows at once. Only the owner writes the tables: the
-- functions run as the owner (search_path pinned by 99_pin_search_path.sql), whoever's change queued them, and
-- see every coder's rows. Concurrent transactions refreshing one participant are ordered by an advisory lock
-- taken at commit, so the later one reads the earlier one's committed work.

-- Statement-level, after INSERT, UPDATE or DELETE on codings, reviews and adjudications (the trigger names the
-- transition tables new_rows and old_rows, whichever its event has).
CREATE OR REPLACE FUNCTION maintained_queue_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO maintained_pending (study_id, statement_id) SELECT DISTINCT n.study_id, n.statement_id FROM new_rows n;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO maintained_pending (study_id, statement_id) SELECT DISTINCT o.study_id, o.statement_id FROM old_rows o;
    END IF;
    INSERT INTO maintained_flushes (txid) VALUES (pg_current_xact_id()) ON CONFLICT (txid) DO NOTHING;
    RETURN NULL;
END
$$;

-- Statement-level, after UPDATE on statements: a statement given to another participant moves its decisions.
CREATE OR REPLACE FUNCTION maintained_queue_moves() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    INSERT INTO maintained_pending (study_id, statement_id)
    SELECT n.study_id, n.statement_id
      FROM new_rows n JOIN old_rows o ON o.study_id = n.study_id AND o.statement_id = n.statement_id
     WHERE o.participant_id <> n.participant_id;
    IF FOUND THEN
        INSERT INTO maintained_flushes (txid) VALUES (pg_current_xact_id()) ON CONFLICT (txid) DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

-- Statement-level, after INSERT on coding_events: a coder's apply, change or remove after an adjudication of the
-- pair makes it stale (adjudication_status), whether or not the coding row changed in the same statement.
CREATE OR REPLACE FUNCTION maintained_queue_events() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    INSERT INTO maintained_pending (study_id, statement_id)
    SELECT DISTINCT e.study_id, e.statement_id
      FROM new_events e
      JOIN adjudications a ON a.study_id = e.study_id AND a.statement_id = e.statement_id AND a.code_id = e.code_id
     WHERE e.action IN ('apply', 'change', 'remove');
    IF FOUND THEN
        INSERT INTO maintained_flushes (txid) VALUES (pg_current_xact_id()) ON CONFLICT (txid) DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

-- The rows of `study`'s participants `people` (all of them when NULL), read again from the views.
CREATE OR REPLACE FUNCTION maintained_refresh(study bigint, people bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    person bigint;
BEGIN
    IF people IS NULL THEN
        PERFORM pg_advisory_xact_lock(-study);
        DELETE FROM maintained_final_decisions d WHERE d.study_id = study;
        INSERT INTO maintained_final_decisions SELECT * FROM final_decisions f WHERE f.study_id = study;
        DELETE FROM maintained_participant_stances x WHERE x.study_id = study;
        INSERT INTO maintained_participant_stances SELECT * FROM participant_stances x WHERE x.study_id = study;
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(-study);
    FOREACH person IN ARRAY people LOOP
        PERFORM pg_advisory_xact_lock(person);
        DELETE FROM maintained_final_decisions d WHERE d.study_id = study AND d.participant_id = person;
        INSERT INTO maintained_final_decisions
        SELECT * FROM final_decisions f WHERE f.study_id = study AND f.participant_id = person;
        DELETE FROM maintained_participant_stances x WHERE x.study_id = study AND x.participant_id = person;
        INSERT INTO maintained_participant_stances
        SELECT * FROM participant_stances x WHERE x.study_id = study AND x.participant_id = person;
    END LOOP;
END
$$;

REVOKE EXECUTE ON FUNCTION maintained_refresh(bigint, bigint[]) FROM PUBLIC;

-- Deferred, once per transaction that queued statements: refreshes their participants (before and after a move:
-- the maintained rows name the participant a statement had, statements the one it has), participant by participant
-- in id order, or the whole study when more than a twentieth of its participants or a thousand statements changed.
CREATE OR REPLACE FUNCTION maintained_flush() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    study bigint;
    changed bigint[];
    people bigint[];
BEGIN
    DELETE FROM maintained_flushes f WHERE f.txid = NEW.txid;
    FOR study IN SELECT DISTINCT q.study_id FROM maintained_pending q ORDER BY 1 LOOP
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM studies t WHERE t.study_id = study);
        changed := ARRAY(SELECT DISTINCT q.statement_id FROM maintained_pending q WHERE q.study_id = study);
        people := NULL;
        IF cardinality(changed) <= 1000 THEN
            people := ARRAY(SELECT DISTINCT x.participant_id FROM (
                              SELECT d.participant_id FROM maintained_final_decisions d
                               WHERE d.study_id = study AND d.statement_id = ANY (changed)
                              UNION ALL
                              SELECT s.participant_id FROM statements s
                               WHERE s.study_id = study AND s.statement_id = ANY (changed)) x
                             ORDER BY 1);
            IF cardinality(people) * 20 > (SELECT count(*) FROM participants p WHERE p.study_id = study) THEN
                people := NULL;
            END IF;
        END IF;
        PERFORM maintained_refresh(study, people);
    END LOOP;
    DELETE FROM maintained_pending;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS maintained_flush ON maintained_flushes;
CREATE CONSTRAINT TRIGGER maintained_flush AFTER INSERT ON maintained_flushes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION maintained_flush();

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['codings', 'reviews', 'adjudications'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_maintained_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION maintained_queue_rows()', t || '_maintained_insert', t);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_maintained_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION maintained_queue_rows()', t || '_maintained_update', t);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_maintained_delete', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION maintained_queue_rows()', t || '_maintained_delete', t);
    END LOOP;
END
$$;

DROP TRIGGER IF EXISTS statements_maintained_move ON statements;
CREATE TRIGGER statements_maintained_move AFTER UPDATE ON statements
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintained_queue_moves();
DROP TRIGGER IF EXISTS coding_events_maintained ON coding_events;
CREATE TRIGGER coding_events_maintained AFTER INSERT ON coding_events
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION maintained_queue_events();

-- What the maintained tables hold that the views do not, and what they miss, for `study`: empty when they are the
-- index they should be. `viewpoints audit verify` reports each line. Runs as the owner, for the owner or a lead of
-- the study (the comparison must see every coder's rows).
CREATE OR REPLACE FUNCTION maintained_differences(study bigint) RETURNS TABLE (problem text)
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
    IF NOT (viewpoints_session_is_owner() OR viewpoints_has_role(study, 'lead')) THEN
        RAISE EXCEPTION 'login % is not a lead of study #%', session_user, study
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
    WITH kept AS (SELECT * FROM maintained_final_decisions d WHERE d.study_id = study),
         defined AS (SELECT * FROM final_decisions f WHERE f.study_id = study)
    SELECT format('maintained final decision on statement #%s, code #%s: %s', x.statement_id, x.code_id, x.what)
      FROM ((SELECT k.*, 'not in final_decisions' AS what FROM kept k EXCEPT SELECT d.*, 'not in final_decisions' FROM defined d)
            UNION ALL
            (SELECT d.*, 'missing' FROM defined d EXCEPT SELECT k.*, 'missing' FROM kept k)) x
    UNION ALL
    SELECT format('maintained stance of participant #%s on code #%s: %s', x.participant_id, x.code_id, x.what)
      FROM ((SELECT k.*, 'not in participant_stances' AS what FROM maintained_participant_stances k WHERE k.study_id = study
             EXCEPT SELECT d.*, 'not in participant_stances' FROM participant_stances d WHERE d.study_id = study)
            UNION ALL
            (SELECT d.*, 'missing' FROM participant_stances d WHERE d.study_id = study
             EXCEPT SELECT k.*, 'missing' FROM maintained_participant_stances k WHERE k.study_id = study)) x
     ORDER BY 1;
END
$$;

REVOKE EXECUTE ON FUNCTION maintained_differences(bigint) FROM PUBLIC;

-- Every study's rows read again whenever the definitions are applied: a database from before issue 15 gets them, and
-- a changed rule in 04_final_coding.sql is never left with rows of the old one.
DO $$
DECLARE
    study bigint;
BEGIN
    FOR study IN SELECT t.study_id FROM studies t ORDER BY 1 LOOP
        PERFORM maintained_refresh(study, NULL);
    END LOOP;
END
$$;
