-- Participant stances of study :study straight from the base tables, the final-coding rule inlined (adjudication;
-- else all reviewers of the statement applied the code with one stance, which covers the single reviewer; else
-- unresolved), the participant stance rounded on numeric. A temporary view, so that reference.sql and the floor's
-- setup read one formulation.
CREATE OR REPLACE TEMP VIEW bench_stances AS
WITH applied AS (
    SELECT g.statement_id, g.code_id, count(*) AS coders, min(g.stance) AS lo, max(g.stance) AS hi
      FROM codings g WHERE g.study_id = :study GROUP BY g.statement_id, g.code_id
), reviewers AS (
    SELECT r.statement_id, count(*) AS coders FROM reviews r WHERE r.study_id = :study GROUP BY r.statement_id
), final AS (
    SELECT coalesce(a.statement_id, d.statement_id) AS statement_id, coalesce(a.code_id, d.code_id) AS code_id,
           CASE WHEN a.code_id IS NOT NULL THEN a.stance
                WHEN d.coders = r.coders AND d.lo = d.hi THEN d.lo END AS stance,
           a.code_id IS NULL AND NOT (d.coders = r.coders AND d.lo = d.hi) AS unresolved
      FROM applied d
      JOIN reviewers r ON r.statement_id = d.statement_id
      FULL JOIN (SELECT * FROM adjudications WHERE study_id = :study) a
             ON a.statement_id = d.statement_id AND a.code_id = d.code_id
     WHERE a.code_id IS NULL OR a.applied
), stances AS (
    SELECT s.participant_id, f.code_id, round(avg(f.stance::numeric)) AS stance, bool_or(f.unresolved) AS unresolved
      FROM final f JOIN statements s ON s.study_id = :study AND s.statement_id = f.statement_id
     GROUP BY s.participant_id, f.code_id
)
SELECT participant_id, code_id, stance, unresolved FROM stances;
