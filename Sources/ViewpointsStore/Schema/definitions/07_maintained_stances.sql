-- Maintained final decisions and participant stances (issue 15; tables in 0009_maintained_stances.sql): an index
-- of the views final_decisions and participant_stances (04_final_coding.sql), which stay the one definition; and
-- the report's quote candidates (issue 16; table in 0015_maintained_quotes.sql), refreshed with them.
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

-- Each participant's best statement per proposition and side (1 support, −1 oppose) among their applied final
-- decisions with a stance on that side: the strongest stance, then the shortest text, then the first (seq), with
-- its strength, its length and the participant's number, the order in which `viewpoints report` takes a finding's
-- quotes (QuoteSelection). Kept as maintained_quote_candidates (0015) and read from maintained_final_decisions, the
-- index of final_decisions that is refreshed first (audit verify compares both). The best statement is the least
-- of one bigint per decision, (2 − |stance|) · 2⁶¹ + length · 2³¹ + seq (a text is shorter than 2³⁰ characters, seq
-- below 2³¹), hashed per participant, and named by its seq (unique per participant): the least of an array per
-- decision, and a join back to the statement, took several times as long on 3,000,000 decisions.
CREATE OR REPLACE VIEW quote_candidates WITH (security_invoker = true) AS
SELECT b.study_id, b.participant_id, b.code_id, b.side, (2 - (b.best >> 61))::smallint AS strength,
       ((b.best >> 31) & 1073741823)::integer AS length, p.number, (b.best & 2147483647)::integer AS seq
  FROM (SELECT f.study_id, f.participant_id, f.code_id, sign(f.stance)::smallint AS side,
               min(((2 - abs(f.stance))::bigint << 61) + (length(t.text)::bigint << 31) + t.seq) AS best
          FROM maintained_final_decisions f
          JOIN statements t ON t.study_id = f.study_id AND t.statement_id = f.statement_id
         WHERE f.applied AND f.stance <> 0
         GROUP BY f.study_id, f.participant_id, f.code_id, sign(f.stance)) b
  JOIN participants p ON p.study_id = b.study_id AND p.participant_id = b.participant_id;

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

-- Statement-level, after UPDATE on statements: a statement given to another participant moves its decisions, and
-- one with another seq or a text of another length may change its participant's quote candidates.
CREATE OR REPLACE FUNCTION maintained_queue_moves() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    INSERT INTO maintained_pending (study_id, statement_id)
    SELECT n.study_id, n.statement_id
      FROM new_rows n JOIN old_rows o ON o.study_id = n.study_id AND o.statement_id = n.statement_id
     WHERE o.participant_id <> n.participant_id OR o.seq <> n.seq OR length(o.text) <> length(n.text);
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

-- The reviewed statements among `changed` of `study` (all of them when NULL) read again, and the count kept with
-- them moved by what changed; the statements count is kept by maintained_count_statements.
CREATE OR REPLACE FUNCTION maintained_refresh_reviewed(study bigint, changed bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    before bigint;
    after bigint;
BEGIN
    INSERT INTO maintained_coverage AS m (study_id, statements, reviewed) VALUES (study, 0, 0)
        ON CONFLICT (study_id) DO NOTHING;
    PERFORM 1 FROM maintained_coverage m WHERE m.study_id = study FOR UPDATE;
    IF changed IS NULL THEN
        DELETE FROM maintained_reviewed m WHERE m.study_id = study;
        INSERT INTO maintained_reviewed (study_id, statement_id)
        SELECT DISTINCT r.study_id, r.statement_id FROM reviews r WHERE r.study_id = study;
        UPDATE maintained_coverage m
           SET statements = (SELECT count(*) FROM statements s WHERE s.study_id = study),
               reviewed = (SELECT count(*) FROM maintained_reviewed v WHERE v.study_id = study)
         WHERE m.study_id = study;
        RETURN;
    END IF;
    DELETE FROM maintained_reviewed m WHERE m.study_id = study AND m.statement_id = ANY (changed);
    GET DIAGNOSTICS before = ROW_COUNT;
    INSERT INTO maintained_reviewed (study_id, statement_id)
    SELECT DISTINCT r.study_id, r.statement_id FROM reviews r WHERE r.study_id = study AND r.statement_id = ANY (changed);
    GET DIAGNOSTICS after = ROW_COUNT;
    UPDATE maintained_coverage m SET reviewed = m.reviewed - before + after WHERE m.study_id = study;
END
$$;

REVOKE EXECUTE ON FUNCTION maintained_refresh_reviewed(bigint, bigint[]) FROM PUBLIC;

-- Statement-level, after INSERT or DELETE on statements: the study's statement count.
CREATE OR REPLACE FUNCTION maintained_count_statements() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO maintained_coverage AS m (study_id, statements, reviewed)
        SELECT n.study_id, count(*), 0 FROM new_rows n GROUP BY n.study_id
        ON CONFLICT (study_id) DO UPDATE SET statements = m.statements + excluded.statements;
    ELSE
        UPDATE maintained_coverage m SET statements = m.statements - o.gone
          FROM (SELECT o.study_id, count(*) AS gone FROM old_rows o GROUP BY o.study_id) o
         WHERE m.study_id = o.study_id;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS statements_maintained_insert ON statements;
CREATE TRIGGER statements_maintained_insert AFTER INSERT ON statements REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintained_count_statements();
DROP TRIGGER IF EXISTS statements_maintained_delete ON statements;
CREATE TRIGGER statements_maintained_delete AFTER DELETE ON statements REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION maintained_count_statements();

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
        DELETE FROM maintained_quote_candidates q WHERE q.study_id = study;
        -- in the primary key's order: 800,000 rows of the consensus bench took 18 s so, 24 s in the view's order
        INSERT INTO maintained_quote_candidates
        SELECT * FROM quote_candidates q WHERE q.study_id = study ORDER BY q.participant_id, q.code_id, q.side;
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
        DELETE FROM maintained_quote_candidates q WHERE q.study_id = study AND q.participant_id = person;
        INSERT INTO maintained_quote_candidates
        SELECT * FROM quote_candidates q WHERE q.study_id = study AND q.participant_id = person;
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
        PERFORM maintained_refresh_reviewed(study, CASE WHEN people IS NOT NULL THEN changed END);
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
    UNION ALL
    SELECT format('maintained quote candidate of participant #%s on code #%s, side %s: %s', x.participant_id,
                  x.code_id, x.side, x.what)
      FROM ((SELECT k.*, 'not in quote_candidates' AS what FROM maintained_quote_candidates k WHERE k.study_id = study
             EXCEPT SELECT d.*, 'not in quote_candidates' FROM quote_candidates d WHERE d.study_id = study)
            UNION ALL
            (SELECT d.*, 'missing' FROM quote_candidates d WHERE d.study_id = study
             EXCEPT SELECT k.*, 'missing' FROM maintained_quote_candidates k WHERE k.study_id = study)) x
    UNION ALL
    SELECT format('maintained coverage: %s statements, %s reviewed; study_coverage: %s, %s',
                  coalesce(k.statements, 0), coalesce(k.reviewed, 0), c.statements, c.reviewed)
      FROM study_coverage c LEFT JOIN maintained_coverage k ON k.study_id = c.study_id
     WHERE c.study_id = study
       AND (coalesce(k.statements, 0), coalesce(k.reviewed, 0)) IS DISTINCT FROM (c.statements, c.reviewed)
     ORDER BY 1;
END
$$;

REVOKE EXECUTE ON FUNCTION maintained_differences(bigint) FROM PUBLIC;

-- A database whose objects `db roles` handed to viewpoints_owner: the tables and views a migration or a definition
-- file created since (owned by the login that migrates) go to viewpoints_owner too, as `db roles` would hand them,
-- so that the refresh below, which runs as viewpoints_owner, may read and write them (before, `db migrate` of such a
-- database stopped here with "permission denied" for a new table). `db roles` again grants the roles' privileges.
DO $$
BEGIN
    IF (SELECT c.relowner FROM pg_class c WHERE c.oid = 'studies'::regclass)
       IS DISTINCT FROM (SELECT r.oid FROM pg_roles r WHERE r.rolname = 'viewpoints_owner') THEN
        RETURN;
    END IF;
    PERFORM hand_relations_to_owner();
END
$$;

-- Every study's rows read again whenever the definitions are applied: a database from before issue 15 gets them, and
-- a changed rule in 04_final_coding.sql is never left with rows of the old one.
DO $$
DECLARE
    study bigint;
BEGIN
    FOR study IN SELECT t.study_id FROM studies t ORDER BY 1 LOOP
        PERFORM maintained_refresh(study, NULL);
        PERFORM maintained_refresh_reviewed(study, NULL);
    END LOOP;
END
$$;
