-- Roles (issue 7): who may see which study, enforced by PostgreSQL. This file holds what lives in each database:
-- the membership table and the row-level security policies. The group roles (viewpoints_owner, _lead, _coder,
-- _analyst) are cluster-wide and are created, with their table privileges in this database, by `viewpoints db
-- roles`; nothing here names them, so this migration runs before they exist and in any number of databases of one
-- cluster.
--
-- Membership follows the login (session_user), not current_user: SET ROLE cannot borrow another login's
-- studies, and inside a SECURITY DEFINER function it still names the caller. Superusers and the tables' owner
-- bypass row-level security (it is enabled, not forced): migrations, imports and the tests run so.
--
-- Rewritten in issue 12: the functions (membership, analysts' aggregates) and the views' security_invoker
-- setting are in Schema/definitions/ alone now, which `db migrate` applies after the migrations. A database
-- migrated with the former text is accepted (`Migration.rewritten`).

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

-- The two functions the policies below call, as placeholders that allow nothing: Schema/definitions/02_roles.sql
-- gives them their bodies (and defines viewpoints_has_role and viewpoints_memberships), after the migrations.
CREATE FUNCTION viewpoints_studies(VARIADIC roles text[]) RETURNS SETOF bigint
LANGUAGE sql STABLE AS 'SELECT NULL::bigint WHERE false';
CREATE FUNCTION viewpoints_coders() RETURNS TABLE (study_id bigint, coder_id bigint)
LANGUAGE sql STABLE AS 'SELECT NULL::bigint, NULL::bigint WHERE false';

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

-- The views are security_invoker (they check the caller's privileges and policies, not their owner's), and the
-- analysts' aggregate functions run as their owner and return counts only: both in Schema/definitions/.

-- Every login may read the schema version, so that a login without privileges gets to a clear refusal.
GRANT SELECT ON schema_migrations TO PUBLIC;
