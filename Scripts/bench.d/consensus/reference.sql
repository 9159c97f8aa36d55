-- The hand-written reference of `Scripts/bench consensus`: per proposition of study :study, N, n and the
-- participant stances −2 … 2, straight from the base tables with the final-coding rule inlined (adjudication;
-- else all reviewers of the statement applied the code with one stance, which covers the single reviewer; else
-- unresolved), the participant stance rounded on numeric.
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
SELECT c.key, (SELECT count(*) FROM participants WHERE study_id = :study) AS participants,
       count(x.stance) AS addressed, count(*) FILTER (WHERE x.stance = -2) AS m2,
       count(*) FILTER (WHERE x.stance = -1) AS m1, count(*) FILTER (WHERE x.stance = 0) AS z,
       count(*) FILTER (WHERE x.stance = 1) AS p1, count(*) FILTER (WHERE x.stance = 2) AS p2,
       count(*) FILTER (WHERE x.unresolved) AS unresolved
  FROM codes c LEFT JOIN stances x ON x.code_id = c.code_id
 WHERE c.study_id = :study AND c.parent_id IS NOT NULL
 GROUP BY c.key, c.position ORDER BY c.position;
