-- Runs last, after every other definition file: each function of this schema that runs as its owner
-- (SECURITY DEFINER) or is a trigger function gets `SET search_path = pg_catalog, <schema>, pg_temp`. pg_catalog
-- first: no operator or function a caller created in a schema it may write to can stand in for a built-in one;
-- this schema next, where only the owner creates objects (`db roles` revokes CREATE on it and on public from
-- PUBLIC); pg_temp last, so a caller's temporary table is never taken for one of ours. Functions added by later
-- definition files are covered without further work; MigrationTests checks that none is left out.
DO $$
DECLARE
    f record;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure AS signature
          FROM pg_catalog.pg_proc p
         WHERE p.pronamespace = pg_catalog.current_schema()::regnamespace
           AND (p.prosecdef OR p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype)
    LOOP
        EXECUTE pg_catalog.format('ALTER FUNCTION %s SET search_path = pg_catalog, %I, pg_temp', f.signature,
                                  pg_catalog.current_schema());
    END LOOP;
END
$$;
