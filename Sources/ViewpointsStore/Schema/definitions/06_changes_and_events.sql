-- No change without its event. A login that is not an owner (coders, leads, analysts) changes codings, reviews and
-- adjudications only together with the coding event that records the change, in the same transaction: each
-- changed row is checked at commit (deferred constraint triggers) against the events of its key, and a row the
-- events do not explain makes the commit fail with insufficient_privilege. Statements are not changed by such
-- logins at all (`db roles` grants leads INSERT, not UPDATE or DELETE). Owners (a superuser, viewpoints_owner and
-- its members: they may delete a study) are not checked here, so that bulk imports pay nothing; for everyone,
-- `viewpoints audit verify` replays the events and reports every row they do not explain (audit_unexplained_rows).
--
-- What the events say about a key, read in seq order:
-- - a coding (statement, code, coder) exists with stance S exactly when its last apply/change/remove/note event has
--   new_applied and new_stance S; a removed coding's last event is a remove;
-- - a review (statement, coder) exists only when the coder has an event on the statement; its codes_through never
--   passes the study's highest code number; it may be taken back when the coder has no coding left on the statement;
-- - an adjudication (statement, code) is the one its event_seq names: that event adjudicates the same pair, by the
--   same lead, to the same decision, and no later adjudicate event on the pair exists;
-- - rows of a statement that is gone went with it (a withdrawal, which audit_withdrawal_problems checks).

-- The checks below run as the owner (to see every event, whatever the caller's row-level security shows it).

CREATE OR REPLACE FUNCTION codings_explained() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    k codings := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    current_stance smallint;
    present boolean;
    e record;
BEGIN
    SELECT g.stance INTO current_stance FROM codings g
     WHERE g.study_id = k.study_id AND g.statement_id = k.statement_id AND g.code_id = k.code_id
       AND g.coder_id = k.coder_id;
    present := FOUND;
    IF NOT present AND NOT EXISTS (SELECT 1 FROM statements s
                                    WHERE s.study_id = k.study_id AND s.statement_id = k.statement_id) THEN
        RETURN NULL;
    END IF;
    SELECT coalesce(x.new_applied, false) AS applied, x.new_stance, x.xmin = pg_current_xact_id()::xid AS now
      INTO e
      FROM coding_events x
     WHERE x.study_id = k.study_id AND x.statement_id = k.statement_id AND x.code_id = k.code_id
       AND x.coder_id = k.coder_id AND x.action IN ('apply', 'change', 'remove', 'note')
     ORDER BY x.seq DESC LIMIT 1;
    IF NOT FOUND OR NOT e.now OR e.applied <> present OR (present AND e.new_stance IS DISTINCT FROM current_stance)
    THEN
        RAISE EXCEPTION 'login % changed the coding of statement #% with code #% by coder #% without recording it',
                        session_user, k.statement_id, k.code_id, k.coder_id
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'code with viewpoints (code, import codings): every change goes into the audit trail';
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION reviews_explained() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    k reviews := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    through integer;
BEGIN
    SELECT r.codes_through INTO through FROM reviews r
     WHERE r.study_id = k.study_id AND r.statement_id = k.statement_id AND r.coder_id = k.coder_id;
    IF NOT FOUND THEN
        -- a review taken back (the session's undo of a statement's only coding) leaves no coding of that coder
        -- behind: the codings' own check saw each of them go with its event
        IF NOT EXISTS (SELECT 1 FROM statements s WHERE s.study_id = k.study_id AND s.statement_id = k.statement_id)
           OR NOT EXISTS (SELECT 1 FROM codings g WHERE g.study_id = k.study_id AND g.statement_id = k.statement_id
                                                    AND g.coder_id = k.coder_id)
        THEN
            RETURN NULL;
        END IF;
    ELSIF EXISTS (SELECT 1 FROM coding_events x
                   WHERE x.study_id = k.study_id AND x.statement_id = k.statement_id AND x.coder_id = k.coder_id
                     AND x.action <> 'adjudicate')
          AND through <= (SELECT t.next_code_number - 1 FROM studies t WHERE t.study_id = k.study_id) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'login % changed the review of statement #% by coder #% without recording it',
                    session_user, k.statement_id, k.coder_id
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'code with viewpoints (code, import codings): every change goes into the audit trail';
END
$$;

CREATE OR REPLACE FUNCTION adjudications_explained() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    k adjudications := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    a adjudications;
BEGIN
    SELECT * INTO a FROM adjudications j
     WHERE j.study_id = k.study_id AND j.statement_id = k.statement_id AND j.code_id = k.code_id;
    IF NOT FOUND THEN
        IF NOT EXISTS (SELECT 1 FROM statements s WHERE s.study_id = k.study_id AND s.statement_id = k.statement_id)
        THEN
            RETURN NULL;
        END IF;
    ELSIF EXISTS (SELECT 1 FROM coding_events x
                   WHERE x.study_id = a.study_id AND x.seq = a.event_seq AND x.action = 'adjudicate'
                     AND x.statement_id = a.statement_id AND x.code_id = a.code_id AND x.coder_id = a.lead_id
                     AND coalesce(x.new_applied, false) = a.applied AND x.new_stance IS NOT DISTINCT FROM a.stance)
          AND NOT EXISTS (SELECT 1 FROM coding_events x
                           WHERE x.study_id = a.study_id AND x.statement_id = a.statement_id
                             AND x.code_id = a.code_id AND x.action = 'adjudicate' AND x.seq > a.event_seq) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'login % changed the adjudication of statement #% with code #% without recording it',
                    session_user, k.statement_id, k.code_id
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'adjudicate with viewpoints (adjudicate, import adjudications): every decision goes into the audit trail';
END
$$;

-- Queued only for sessions that are not an owner: the WHEN condition is checked as each row changes (the table is
-- stored by its oid, not looked up by name), the function at commit.
DROP TRIGGER IF EXISTS codings_explained ON codings;
CREATE CONSTRAINT TRIGGER codings_explained AFTER INSERT OR UPDATE OR DELETE ON codings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NOT pg_catalog.has_table_privilege(session_user, 'studies'::regclass, 'DELETE'))
    EXECUTE FUNCTION codings_explained();
DROP TRIGGER IF EXISTS reviews_explained ON reviews;
CREATE CONSTRAINT TRIGGER reviews_explained AFTER INSERT OR UPDATE OR DELETE ON reviews
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NOT pg_catalog.has_table_privilege(session_user, 'studies'::regclass, 'DELETE'))
    EXECUTE FUNCTION reviews_explained();
DROP TRIGGER IF EXISTS adjudications_explained ON adjudications;
CREATE CONSTRAINT TRIGGER adjudications_explained AFTER INSERT OR UPDATE OR DELETE ON adjudications
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NOT pg_catalog.has_table_privilege(session_user, 'studies'::regclass, 'DELETE'))
    EXECUTE FUNCTION adjudications_explained();

-- Every row of `study` that its events do not explain (the rules above), and every event whose row is missing;
-- what `audit verify` reports besides the chain. Runs as the caller (a lead sees its studies).
CREATE OR REPLACE FUNCTION audit_unexplained_rows(study bigint) RETURNS TABLE (problem text)
LANGUAGE sql STABLE AS $$
WITH last_coding AS (
    SELECT DISTINCT ON (e.statement_id, e.code_id, e.coder_id)
           e.statement_id, e.code_id, e.coder_id, e.seq, coalesce(e.new_applied, false) AS applied, e.new_stance
      FROM coding_events e
     WHERE e.study_id = audit_unexplained_rows.study AND e.action IN ('apply', 'change', 'remove', 'note')
     ORDER BY e.statement_id, e.code_id, e.coder_id, e.seq DESC
), last_adjudication AS (
    SELECT DISTINCT ON (e.statement_id, e.code_id)
           e.statement_id, e.code_id, e.coder_id, e.seq, coalesce(e.new_applied, false) AS applied, e.new_stance
      FROM coding_events e
     WHERE e.study_id = audit_unexplained_rows.study AND e.action = 'adjudicate'
     ORDER BY e.statement_id, e.code_id, e.seq DESC
), codings_of AS (
    SELECT g.statement_id, g.code_id, g.coder_id, g.stance FROM codings g WHERE g.study_id = audit_unexplained_rows.study
), present AS (
    SELECT s.statement_id FROM statements s WHERE s.study_id = audit_unexplained_rows.study
)
SELECT format('coding of statement #%s with code #%s by coder #%s (stance %s): %s', g.statement_id, g.code_id,
              g.coder_id, g.stance,
              CASE WHEN l.seq IS NULL THEN 'no event records it'
                   WHEN NOT l.applied THEN 'event ' || l.seq || ' removed it'
                   ELSE 'event ' || l.seq || ' gave stance ' || l.new_stance END)
  FROM codings_of g
  LEFT JOIN last_coding l USING (statement_id, code_id, coder_id)
 WHERE l.seq IS NULL OR NOT l.applied OR l.new_stance IS DISTINCT FROM g.stance
UNION ALL
SELECT format('coding of statement #%s with code #%s by coder #%s: event %s applied it, the coding is gone',
              l.statement_id, l.code_id, l.coder_id, l.seq)
  FROM last_coding l
 WHERE l.applied AND l.statement_id IN (SELECT statement_id FROM present)
   AND NOT EXISTS (SELECT 1 FROM codings_of g
                    WHERE g.statement_id = l.statement_id AND g.code_id = l.code_id AND g.coder_id = l.coder_id)
UNION ALL
SELECT format('review of statement #%s by coder #%s: %s', r.statement_id, r.coder_id,
              CASE WHEN r.codes_through > t.next_code_number - 1 THEN 'covers codes that do not exist'
                   ELSE 'no event records it' END)
  FROM reviews r
  JOIN studies t ON t.study_id = r.study_id
 WHERE r.study_id = audit_unexplained_rows.study
   AND (r.codes_through > t.next_code_number - 1
        OR NOT EXISTS (SELECT 1 FROM coding_events e
                        WHERE e.study_id = r.study_id AND e.statement_id = r.statement_id AND e.coder_id = r.coder_id
                          AND e.action <> 'adjudicate'))
UNION ALL
SELECT format('adjudication of statement #%s with code #%s: %s', a.statement_id, a.code_id,
              CASE WHEN l.seq IS NULL THEN 'no event records it'
                   ELSE 'its last event (' || l.seq || ') says otherwise' END)
  FROM adjudications a
  LEFT JOIN last_adjudication l USING (statement_id, code_id)
 WHERE a.study_id = audit_unexplained_rows.study
   AND (l.seq IS DISTINCT FROM a.event_seq OR l.coder_id <> a.lead_id OR l.applied <> a.applied
        OR l.new_stance IS DISTINCT FROM a.stance)
UNION ALL
SELECT format('adjudication of statement #%s with code #%s: event %s decided it, the adjudication is gone',
              l.statement_id, l.code_id, l.seq)
  FROM last_adjudication l
 WHERE l.statement_id IN (SELECT statement_id FROM present)
   AND NOT EXISTS (SELECT 1 FROM adjudications a
                    WHERE a.study_id = audit_unexplained_rows.study AND a.statement_id = l.statement_id
                      AND a.code_id = l.code_id)
ORDER BY 1
$$;
