-- The codebook's shape and the statement reference (first defined in 0001_core.sql).

-- Two levels exactly, and a proposition's key starts with its theme's key and a dot.
CREATE OR REPLACE FUNCTION codes_check_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_key text;
    parent_parent bigint;
BEGIN
    IF NEW.parent_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT c.key, c.parent_id INTO parent_key, parent_parent
      FROM codes c WHERE c.study_id = NEW.study_id AND c.code_id = NEW.parent_id;
    IF parent_parent IS NOT NULL THEN
        RAISE EXCEPTION 'code % has a parent that is itself a proposition', NEW.key
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.key NOT LIKE parent_key || '.%' THEN
        RAISE EXCEPTION 'code % must start with its theme key % and a dot', NEW.key, parent_key
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS codes_parent_check ON codes;
CREATE TRIGGER codes_parent_check BEFORE INSERT OR UPDATE ON codes
    FOR EACH ROW EXECUTE FUNCTION codes_check_parent();

-- The statement reference used everywhere: the researcher's id, else PSEUDONYM:SEQ.
CREATE OR REPLACE VIEW statement_refs WITH (security_invoker = true) AS
SELECT s.study_id, s.statement_id, s.participant_id, p.pseudonym, s.seq,
       coalesce(s.external_id, p.pseudonym || ':' || s.seq) AS reference
  FROM statements s
  JOIN participants p USING (study_id, participant_id);
