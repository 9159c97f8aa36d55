-- Trust (issue 13): what changes in the tables when the database, not the CLI, keeps the audit promises. Views,
-- functions and triggers live in Schema/definitions/ from here on (re-applied by `viewpoints db migrate` whenever
-- one changes); this file keeps to tables, policies and privileges.

-- The chain heads are the owner's: 0004 let coders and leads write them (the triggers ran as the caller); now the
-- chain trigger runs as the owner, and the others may only read their studies' heads (`audit verify`).
DROP POLICY IF EXISTS appenders ON coding_event_heads;
CREATE POLICY readers ON coding_event_heads FOR SELECT
    USING (study_id IN (SELECT viewpoints_studies('lead', 'coder')));

-- Privileges `db roles` granted before this migration and no longer grants (it revokes them too; done here as well
-- for a database whose roles exist, so that migrating alone closes them). Nothing here needs the roles to exist.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'viewpoints_lead')
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'viewpoints_coder') THEN
        REVOKE INSERT, UPDATE, DELETE ON coding_event_heads FROM viewpoints_lead, viewpoints_coder;
        REVOKE INSERT, UPDATE, DELETE ON withdrawals FROM viewpoints_lead;
        REVOKE UPDATE, DELETE ON statements FROM viewpoints_lead;
        REVOKE DELETE ON participants, codes, coders, adjudications FROM viewpoints_lead;
    END IF;
END
$$;
