-- Per proposition of study :study: N, n, the participant stances −2 … 2 and the unresolved, from the participant
-- stances in :source (a view or a table with columns participant_id, code_id, stance, unresolved).
SELECT c.key, (SELECT count(*) FROM participants WHERE study_id = :study) AS participants,
       count(x.stance) AS addressed, count(*) FILTER (WHERE x.stance = -2) AS m2,
       count(*) FILTER (WHERE x.stance = -1) AS m1, count(*) FILTER (WHERE x.stance = 0) AS z,
       count(*) FILTER (WHERE x.stance = 1) AS p1, count(*) FILTER (WHERE x.stance = 2) AS p2,
       count(*) FILTER (WHERE x.unresolved) AS unresolved
  FROM codes c LEFT JOIN :source x ON x.code_id = c.code_id
 WHERE c.study_id = :study AND c.parent_id IS NOT NULL
 GROUP BY c.key, c.position ORDER BY c.position;
