/// SQL for roles, logins and study membership (0004_roles.sql holds the policies they rely on).
enum RoleQueries {
    /// The connected login: superuser, may create roles, and which Viewpoints group roles exist.
    static let creator = """
        SELECT r.rolsuper, r.rolcreaterole, current_user,
               (SELECT string_agg(g, ',' ORDER BY g) FROM unnest($1::text[]) g
                 WHERE NOT EXISTS (SELECT 1 FROM pg_roles x WHERE x.rolname = g))
          FROM pg_roles r WHERE r.rolname = current_user
        """

    /// Creates the group roles that do not exist yet; another session creating one at the same time is fine.
    static let createGroups = """
        DO $$
        DECLARE
            name text;
        BEGIN
            FOREACH name IN ARRAY ARRAY['viewpoints_owner', 'viewpoints_lead', 'viewpoints_coder', 'viewpoints_analyst']
            LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
                    BEGIN
                        EXECUTE format('CREATE ROLE %I NOLOGIN', name);
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL;
                    END;
                END IF;
            END LOOP;
        END
        $$
        """

    /// A role creator that is not a superuser joins viewpoints_owner, so that it may hand its objects over.
    static let joinOwner = "GRANT viewpoints_owner TO CURRENT_USER"

    /// Hands this schema's tables and views (hand_relations_to_owner, 02_roles.sql) and its functions to
    /// viewpoints_owner (identity sequences follow their tables).
    static let transferOwnership = """
        DO $$
        DECLARE
            item record;
        BEGIN
            EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO viewpoints_owner', current_schema());
            PERFORM hand_relations_to_owner();
            FOR item IN
                SELECT p.oid::regprocedure AS signature
                  FROM pg_proc p
                 WHERE p.pronamespace = current_schema()::regnamespace AND p.proowner <> 'viewpoints_owner'::regrole
            LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO viewpoints_owner', item.signature);
            END LOOP;
        END
        $$
        """

    /// Table and function privileges of the group roles in this database; the policies of 0004 pick the rows. Only
    /// the owner creates objects in this schema and in `public` (CREATE revoked from PUBLIC: a caller's operator or
    /// function there could otherwise stand in for a built-in one). Privileges earlier versions granted and these no
    /// longer do are revoked, so rerunning `db roles` on an older database closes them (0008_trust.sql).
    static let grants = """
        DO $$
        BEGIN
            EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
            IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public') THEN
                REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            END IF;
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO viewpoints_lead, viewpoints_coder, viewpoints_analyst',
                           current_schema());
        END
        $$;
        REVOKE INSERT, UPDATE, DELETE ON coding_event_heads FROM viewpoints_lead, viewpoints_coder;
        REVOKE INSERT, UPDATE, DELETE ON withdrawals FROM viewpoints_lead;
        REVOKE UPDATE, DELETE ON statements FROM viewpoints_lead;
        REVOKE DELETE ON participants, codes, coders, adjudications FROM viewpoints_lead;
        GRANT SELECT ON schema_migrations, schema_definitions TO PUBLIC;
        GRANT SELECT ON studies, study_members
            TO viewpoints_lead, viewpoints_coder, viewpoints_analyst;
        GRANT UPDATE (title, pseudonym_width, next_code_number) ON studies TO viewpoints_lead;
        GRANT SELECT, INSERT ON statements TO viewpoints_lead;
        GRANT SELECT, INSERT, UPDATE ON participants, codes, coders, adjudications TO viewpoints_lead;
        GRANT SELECT, INSERT, UPDATE, DELETE ON reviews, codings TO viewpoints_lead;
        GRANT SELECT ON statement_refs, coder_decisions, adjudication_status, final_decisions, final_codings,
            disagreements, coding_event_breaks, participant_stances, study_coverage, quote_candidates
            TO viewpoints_lead;
        GRANT SELECT ON maintained_final_decisions, maintained_participant_stances, maintained_coverage,
            maintained_quote_candidates TO viewpoints_lead;
        GRANT EXECUTE ON FUNCTION maintained_differences(bigint) TO viewpoints_lead;
        GRANT SELECT (study_id, participant_id, pseudonym, number) ON participants TO viewpoints_coder;
        GRANT SELECT ON statements, codes, coders, statement_refs TO viewpoints_coder;
        GRANT SELECT, INSERT, UPDATE, DELETE ON reviews, codings TO viewpoints_coder;
        GRANT SELECT, INSERT ON coding_events TO viewpoints_lead, viewpoints_coder;
        GRANT SELECT ON withdrawals TO viewpoints_lead;
        GRANT SELECT ON participant_cell_keys TO viewpoints_lead;
        GRANT SELECT ON audit_withdrawal_problems TO viewpoints_lead;
        GRANT SELECT ON coding_event_heads TO viewpoints_lead, viewpoints_coder;
        GRANT EXECUTE ON FUNCTION withdraw_participant(bigint, text, text) TO viewpoints_lead;
        GRANT EXECUTE ON FUNCTION study_aggregate_tallies(text, text, integer), study_aggregate_coverage(text)
            TO viewpoints_lead, viewpoints_analyst;
        """

    static let loginExists = "SELECT rolcanlogin FROM pg_roles WHERE rolname = $1"
    /// $1 login, $2 the password already hashed by the client (SCRAM), so the plain text never reaches the server.
    static let createLogin = "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)"
    /// $1 group role, $2 login.
    static let grantGroup = "SELECT format('GRANT %I TO %I', $1::text, $2::text)"

    static let ensureCoder = """
        INSERT INTO coders (study_id, name) VALUES ($1, $2) ON CONFLICT (study_id, name) DO NOTHING
        """
    /// $1 study, $2 login, $3 role, $4 coder name (coders only).
    static let addMember = """
        INSERT INTO study_members (study_id, login, role, coder_id)
        VALUES ($1, $2, $3, (SELECT coder_id FROM coders WHERE study_id = $1 AND name = $4 AND $3 = 'coder'))
        ON CONFLICT (study_id, login, role) DO UPDATE SET coder_id = excluded.coder_id, granted_at = now(),
                                                       granted_by = session_user
        """
    static let removeMember = "DELETE FROM study_members WHERE study_id = $1 AND login = $2 AND role = $3"

    /// The session's memberships (study slug, role, coder name).
    static let memberships = "SELECT slug, role, coder FROM viewpoints_memberships()"
    /// Whether the session bypasses the policies: superuser, or acting with viewpoints_owner's privileges.
    static let bypasses = """
        SELECT r.rolsuper OR (to_regrole('viewpoints_owner') IS NOT NULL
                              AND pg_has_role(current_user, 'viewpoints_owner', 'USAGE')),
               current_user
          FROM pg_roles r WHERE r.rolname = current_user
        """

    static let aggregateCoverage =
        "SELECT statements, reviewed, coverage, unresolved_pairs FROM study_aggregate_coverage($1)"
    /// $1 study slug, $2 attribute or NULL, $3 minimum cell size.
    static let aggregateTallies = """
        SELECT code, label, theme, is_theme, grp, suppressed, participants, addressed, stance_m2, stance_m1, stance_0,
               stance_p1, stance_p2, participants_unresolved, unresolved_statements
          FROM study_aggregate_tallies($1, $2, $3::integer)
        """
}
