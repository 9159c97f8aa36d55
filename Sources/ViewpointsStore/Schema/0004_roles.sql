-- Roles (issue 7): who may see which study, enforced by PostgreSQL. This file holds what lives in each database:
-- the membership table, the functions the policies call, the row-level security policies and the analysts'
-- aggregate functions. The group roles (viewpoints_owner, _lead, _coder, _analyst) are cluster-wide and are
-- created, with their table privileges in this database, by `viewpoints db roles`; nothing here names them, so
-- this migration runs before they exist and in any number of databases of one cluster.
--
-- Membership follows the login (session_user), not current_user: SET ROLE cannot borrow another login's
-- studies, and inside a SECURITY DEFINER function it still names the caller. Superusers and the tables' owner
-- bypass row-level security (it is enabled, not forced): migrations, imports and the tests run so.

-- Functions below that run as their owner look only in this schema (where only the owner creates objects) and
-- pg_catalog, and in pg_temp last, so a caller's temporary table cannot stand in for one of ours.
SELECT set_config('search_path', quote_ident(current_schema()) || ', pg_catalog, pg_temp', true);

-- Who may do what in which study. A coder is bound to one coder of the study and writes only as that coder.
CREATE TABLE study_members (
    study_id    bigint NOT NULL REFERENCES studies (study_id) ON DELETE CASCADE,
    login       name NOT NULL,
    role        text NOT NULL CHECK (role IN ('lead', 'coder', 'analyst')),
    coder_id    bigint,
    granted_by  name NOT NULL DEFAULT session_user,
    granted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (study_id, login, role),
    FOREIGN KEY (study_id, coder_id) REFERENCES coders (study_id, coder_id) ON DELETE CASCADE,
    CHECK ((role = 'coder') = (coder_id IS NOT NULL))
);
CREATE INDEX study_members_by_login ON study_members (login, study_id);

-- Whether the session's login has one of `roles` in `study`.
CREATE FUNCTION viewpoints_has_role(study bigint, VARIADIC roles text[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT EXISTS (SELECT 1 FROM study_members m
                    WHERE m.study_id = study AND m.login = session_user AND m.role = ANY (roles))
$$;

-- The studies where the session's login has one of `roles`. Policies use it as `study_id IN (SELECT …)`: an
-- uncorrelated subquery, run once per statement and hashed, not a function call per row.
CREATE FUNCTION viewpoints_studies(VARIADIC roles text[]) RETURNS SETOF bigint ROWS 10
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT m.study_id FROM study_members m WHERE m.login = session_user AND m.role = ANY (roles)
$$;

-- The coders the session's login codes as: one per study where it is a coder.
CREATE FUNCTION viewpoints_coders() RETURNS TABLE (study_id bigint, coder_id bigint) ROWS 10
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT m.study_id, m.coder_id FROM study_members m WHERE m.login = session_user AND m.role = 'coder'
$$;

-- The session's memberships, for the CLI to offer what the login may do.
CREATE FUNCTION viewpoints_memberships()
RETURNS TABLE (slug text, role text, coder text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT s.slug, m.role, k.name
      FROM study_members m
      JOIN studies s ON s.study_id = m.study_id
      LEFT JOIN coders k ON k.study_id = m.study_id AND k.coder_id = m.coder_id
     WHERE m.login = session_user
     ORDER BY s.slug, m.role
$$;

-- MARK: row-level security. Policies are permissive (any one allows); privileges (GRANT, by `db roles`) decide
-- which commands a role may run at all, the policies which rows.

ALTER TABLE studies ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON studies FOR SELECT
    USING (study_id IN (SELECT viewpoints_studies('lead', 'coder', 'analyst')));
CREATE POLICY lead_update ON studies FOR UPDATE USING (study_id IN (SELECT viewpoints_studies('lead')));

-- Interview material and the codebook: leads and coders of the study read it, leads change it.
ALTER TABLE participants ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON participants FOR SELECT
    USING (study_id IN (SELECT viewpoints_studies('lead', 'coder')));
CREATE POLICY lead_all ON participants USING (study_id IN (SELECT viewpoints_studies('lead')));

ALTER TABLE statements ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON statements FOR SELECT USING (study_id IN (SELECT viewpoints_studies('lead', 'coder')));
CREATE POLICY lead_all ON statements USING (study_id IN (SELECT viewpoints_studies('lead')));

ALTER TABLE codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON codes FOR SELECT USING (study_id IN (SELECT viewpoints_studies('lead', 'coder')));
CREATE POLICY lead_all ON codes USING (study_id IN (SELECT viewpoints_studies('lead')));

ALTER TABLE coders ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON coders FOR SELECT USING (study_id IN (SELECT viewpoints_studies('lead', 'coder')));
CREATE POLICY lead_all ON coders USING (study_id IN (SELECT viewpoints_studies('lead')));

-- A coder's own work: a coder reads and writes only the rows of the coder bound to its login (so it neither
-- sees nor changes another coder's decisions); a lead all of the study's.
ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY coder_own ON reviews USING ((study_id, coder_id) IN (SELECT * FROM viewpoints_coders()));
CREATE POLICY lead_all ON reviews USING (study_id IN (SELECT viewpoints_studies('lead')));

ALTER TABLE codings ENABLE ROW LEVEL SECURITY;
CREATE POLICY coder_own ON codings USING ((study_id, coder_id) IN (SELECT * FROM viewpoints_coders()));
CREATE POLICY lead_all ON codings USING (study_id IN (SELECT viewpoints_studies('lead')));

-- The audit trail: appended to as oneself, never changed (0002's trigger and revoked privileges still hold).
ALTER TABLE coding_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY coder_read ON coding_events FOR SELECT
    USING ((study_id, coder_id) IN (SELECT * FROM viewpoints_coders()));
CREATE POLICY coder_append ON coding_events FOR INSERT
    WITH CHECK ((study_id, coder_id) IN (SELECT * FROM viewpoints_coders()));
CREATE POLICY lead_read ON coding_events FOR SELECT USING (study_id IN (SELECT viewpoints_studies('lead')));
CREATE POLICY lead_append ON coding_events FOR INSERT WITH CHECK (study_id IN (SELECT viewpoints_studies('lead')));

-- The chain heads, which 0002's triggers read and advance as the caller. Whoever may append may move them; a head
-- moved by hand breaks the hash chain, which `viewpoints audit verify` reports. (The triggers are not made
-- SECURITY DEFINER: a SET clause on a row trigger costs on every event of a bulk import.)
ALTER TABLE coding_event_heads ENABLE ROW LEVEL SECURITY;
CREATE POLICY appenders ON coding_event_heads USING (study_id IN (SELECT viewpoints_studies('lead', 'coder')));

ALTER TABLE adjudications ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_all ON adjudications USING (study_id IN (SELECT viewpoints_studies('lead')));

ALTER TABLE study_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON study_members FOR SELECT USING (login = session_user);
CREATE POLICY lead_read ON study_members FOR SELECT USING (study_id IN (SELECT viewpoints_studies('lead')));

-- Views check the caller's privileges and policies, not their owner's (who would see every study).
ALTER VIEW statement_refs SET (security_invoker = true);
ALTER VIEW coder_decisions SET (security_invoker = true);
ALTER VIEW adjudication_status SET (security_invoker = true);
ALTER VIEW final_decisions SET (security_invoker = true);
ALTER VIEW final_codings SET (security_invoker = true);
ALTER VIEW disagreements SET (security_invoker = true);
ALTER VIEW coding_event_breaks SET (security_invoker = true);
ALTER VIEW participant_stances SET (security_invoker = true);
ALTER VIEW study_coverage SET (security_invoker = true);

-- MARK: aggregates for analysts. These run as their owner (who bypasses the policies), so each first checks the
-- caller's membership, and they return counts only: no statement text, no participant-level rows.

-- The smallest group size an aggregate function shows (DOMAIN.md §4: k = 5); a caller may ask for more.
CREATE FUNCTION viewpoints_min_cell() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 5';

-- The id of study `study_slug` when the caller is its lead or analyst and asks for at least the minimum cell
-- size; otherwise insufficient_privilege, the same for a study that does not exist (its existence is not told).
CREATE FUNCTION viewpoints_aggregate_study(study_slug text, min_cell integer, by_attribute text)
RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    found bigint;
    known text;
BEGIN
    SELECT s.study_id INTO found FROM studies s WHERE s.slug = study_slug;
    IF found IS NULL OR NOT viewpoints_has_role(found, 'lead', 'analyst') THEN
        RAISE EXCEPTION 'login % is not a lead or analyst of study %', session_user, study_slug
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'an owner grants access with `viewpoints grant --study SLUG --role analyst --user LOGIN`';
    END IF;
    IF min_cell IS NULL OR min_cell < viewpoints_min_cell() THEN
        RAISE EXCEPTION 'aggregates suppress groups of fewer than % participants; % was asked',
                        viewpoints_min_cell(), coalesce(min_cell::text, 'no minimum')
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'only a lead sees smaller groups (viewpoints consensus --min-cell as a lead)';
    END IF;
    IF by_attribute IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM participants p WHERE p.study_id = found AND p.attributes ? by_attribute) THEN
        SELECT string_agg(k, ', ' ORDER BY k) INTO known
          FROM (SELECT DISTINCT jsonb_object_keys(p.attributes) AS k FROM participants p WHERE p.study_id = found) a;
        RAISE EXCEPTION 'no participant of study % has the attribute ''%''', study_slug, by_attribute
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = CASE WHEN known IS NULL THEN 'the study has no participant attributes'
                              ELSE 'known attributes: ' || known END;
    END IF;
    RETURN found;
END
$$;

-- consensus_tallies (0003) of one study for its whole panel or `--by` groups, with small-cell suppression
-- applied here: a group with fewer than `min_cell` participants has every count NULL and `suppressed`, and when
-- exactly one group of a code's row set is, the next smallest (ties by name) is too (secondary suppression),
-- the rule of viewpoints consensus. Without a breakdown the whole panel is one group under the same rule.
CREATE FUNCTION study_aggregate_tallies(study_slug text, by_attribute text DEFAULT NULL, min_cell integer DEFAULT 5)
RETURNS TABLE (code text, label text, theme text, is_theme boolean, grp text, suppressed boolean,
               participants bigint, addressed bigint, stance_m2 bigint, stance_m1 bigint, stance_0 bigint,
               stance_p1 bigint, stance_p2 bigint, participants_unresolved bigint, unresolved_statements bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
WITH t AS (
    SELECT t.*, t.participants < min_cell AS small
      FROM consensus_tallies(viewpoints_aggregate_study(study_slug, min_cell, by_attribute), by_attribute)
           WITH ORDINALITY AS t
), decided AS (
    SELECT t.*,
           small OR (count(*) FILTER (WHERE small) OVER (PARTITION BY t.code) = 1
                     AND NOT small
                     AND row_number() OVER (PARTITION BY t.code, small ORDER BY t.participants, t.grp COLLATE "C") = 1)
           AS hidden
      FROM t
)
SELECT d.code, d.label, d.theme, d.is_theme, d.grp, d.hidden,
       CASE WHEN NOT d.hidden THEN d.participants END, CASE WHEN NOT d.hidden THEN d.addressed END,
       CASE WHEN NOT d.hidden THEN d.stance_m2 END, CASE WHEN NOT d.hidden THEN d.stance_m1 END,
       CASE WHEN NOT d.hidden THEN d.stance_0 END, CASE WHEN NOT d.hidden THEN d.stance_p1 END,
       CASE WHEN NOT d.hidden THEN d.stance_p2 END, CASE WHEN NOT d.hidden THEN d.participants_unresolved END,
       CASE WHEN NOT d.hidden THEN d.unresolved_statements END
  FROM decided d
 ORDER BY d.ordinality
$$;

-- The study's coverage and unresolved statement–proposition pairs: whole-study counts.
CREATE FUNCTION study_aggregate_coverage(study_slug text)
RETURNS TABLE (statements bigint, reviewed bigint, coverage numeric, unresolved_pairs bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH s AS MATERIALIZED (SELECT viewpoints_aggregate_study(study_slug, viewpoints_min_cell(), NULL) AS study_id)
    SELECT c.statements, c.reviewed, c.coverage,
           (SELECT coalesce(sum(t.unresolved_statements), 0)::bigint FROM consensus_tallies(s.study_id) t)
      FROM s JOIN study_coverage c ON c.study_id = s.study_id
$$;

-- Only the roles `db roles` grants them to may call the functions that run as their owner.
REVOKE EXECUTE ON FUNCTION viewpoints_aggregate_study(text, integer, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION study_aggregate_tallies(text, text, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION study_aggregate_coverage(text) FROM PUBLIC;

-- Every login may read the schema version, so that a login without privileges gets to a clear refusal.
GRANT SELECT ON schema_migrations TO PUBLIC;
