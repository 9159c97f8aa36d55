-- Who the session is (first defined in 0004_roles.sql): the membership functions the row-level security policies
-- call, and the analysts' aggregate functions. Every function here that runs as its owner (SECURITY DEFINER) gets
-- `SET search_path = pg_catalog, <schema>, pg_temp` from 99_pin_search_path.sql: pg_catalog first, so no operator
-- or function a caller created elsewhere can stand in for a built-in one, and pg_temp last.

-- Whether the session's login may act as the schema's owner: a superuser, viewpoints_owner or a member of it (the
-- role owning `studies`). Follows session_user, so SET ROLE and SECURITY DEFINER callers cannot borrow it.
CREATE OR REPLACE FUNCTION viewpoints_session_is_owner() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT pg_has_role(session_user, c.relowner, 'MEMBER') FROM pg_class c WHERE c.oid = 'studies'::regclass
$$;

-- Whether the session's login has one of `roles` in `study`.
CREATE OR REPLACE FUNCTION viewpoints_has_role(study bigint, VARIADIC roles text[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT EXISTS (SELECT 1 FROM study_members m
                    WHERE m.study_id = study AND m.login = session_user AND m.role = ANY (roles))
$$;

-- The studies where the session's login has one of `roles`. Policies use it as `study_id IN (SELECT …)`: an
-- uncorrelated subquery, run once per statement and hashed, not a function call per row.
CREATE OR REPLACE FUNCTION viewpoints_studies(VARIADIC roles text[]) RETURNS SETOF bigint ROWS 10
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT m.study_id FROM study_members m WHERE m.login = session_user AND m.role = ANY (roles)
$$;

-- The coders the session's login codes as: one per study where it is a coder.
CREATE OR REPLACE FUNCTION viewpoints_coders() RETURNS TABLE (study_id bigint, coder_id bigint) ROWS 10
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT m.study_id, m.coder_id FROM study_members m WHERE m.login = session_user AND m.role = 'coder'
$$;

-- The session's memberships, for the CLI to offer what the login may do.
CREATE OR REPLACE FUNCTION viewpoints_memberships()
RETURNS TABLE (slug text, role text, coder text)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT s.slug, m.role, k.name
      FROM study_members m
      JOIN studies s ON s.study_id = m.study_id
      LEFT JOIN coders k ON k.study_id = m.study_id AND k.coder_id = m.coder_id
     WHERE m.login = session_user
     ORDER BY s.slug, m.role
$$;

-- The smallest group size an aggregate function shows (DOMAIN.md §4: k = 5); a caller may ask for more.
CREATE OR REPLACE FUNCTION viewpoints_min_cell() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 5';

-- The id of study `study_slug` when the caller is its lead or analyst and asks for at least the minimum cell
-- size; otherwise insufficient_privilege, the same for a study that does not exist (its existence is not told).
CREATE OR REPLACE FUNCTION viewpoints_aggregate_study(study_slug text, min_cell integer, by_attribute text)
RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
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

-- study_aggregate_tallies, the analysts' consensus tallies with suppression and perturbation, and
-- study_aggregate_coverage are defined in 08_disclosure.sql (they need the cell keys of 0010_cell_keys.sql, and
-- consensus_tallies and the view study_coverage of 04_final_coding.sql, which a definition file before it would
-- find missing on a new database).

-- Only the roles `db roles` grants them to may call the functions that run as their owner.
REVOKE EXECUTE ON FUNCTION viewpoints_aggregate_study(text, integer, text) FROM PUBLIC;

-- Hands this schema's tables, views and materialized views that another login created to viewpoints_owner (identity
-- sequences follow their tables): `db roles` (RoleQueries.transferOwnership), and `db migrate` of a database whose
-- objects were handed over already (07_maintained_stances.sql). Runs with the caller's rights (ALTER … OWNER needs
-- the object's owner or a superuser), so it lets no one do what they could not do by hand; not a trigger and not
-- SECURITY DEFINER, so its search_path is the caller's and current_schema() is this schema.
CREATE OR REPLACE FUNCTION hand_relations_to_owner() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    item record;
BEGIN
    FOR item IN
        SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
               c.relname AS name
          FROM pg_class c
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
           AND c.relowner <> 'viewpoints_owner'::regrole
    LOOP
        EXECUTE format('ALTER %s %I OWNER TO viewpoints_owner', item.kind, item.name);
    END LOOP;
END
$$;
