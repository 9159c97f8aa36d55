-- The final coding and consensus (DOMAIN.md §3–4; first defined in 0002_coding.sql, 0003_consensus.sql and
-- 0007_consensus_direct.sql, whose later versions replaced the earlier ones). The final-coding rule and the
-- participant stance are written once, here, as the views final_decisions and participant_stances; the tables
-- maintained_final_decisions and maintained_participant_stances (0009, kept by 07_maintained_stances.sql) are an
-- index of them, which consensus_tallies and the commands built on it read.
-- Views are security_invoker: they apply the caller's privileges and row-level security, not their owner's.

-- Each reviewing coder's decision on each statement and proposition somebody applied there: applied with a
-- stance, or (stance NULL) reviewed without applying it. Pairs nobody applied are agreed absent.
CREATE OR REPLACE VIEW coder_decisions WITH (security_invoker = true) AS
SELECT p.study_id, p.statement_id, p.code_id, r.coder_id, g.stance, g.stance IS NOT NULL AS applied, g.note
  FROM (SELECT DISTINCT study_id, statement_id, code_id FROM codings) p
  JOIN codes c ON c.study_id = p.study_id AND c.code_id = p.code_id
  JOIN reviews r ON r.study_id = p.study_id AND r.statement_id = p.statement_id
  LEFT JOIN codings g ON g.study_id = p.study_id AND g.statement_id = p.statement_id
                     AND g.code_id = p.code_id AND g.coder_id = r.coder_id
 WHERE r.codes_through >= c.number OR g.coder_id IS NOT NULL;

-- Whether an adjudication is stale: a coder changed their decision on its pair after it.
CREATE OR REPLACE VIEW adjudication_status WITH (security_invoker = true) AS
SELECT a.*, EXISTS (
           SELECT 1 FROM coding_events e
            WHERE e.study_id = a.study_id AND e.statement_id = a.statement_id AND e.code_id = a.code_id
              AND e.action IN ('apply', 'change', 'remove') AND e.seq > a.event_seq) AS stale
  FROM adjudications a;

-- final_decisions, same columns and the same rule (DOMAIN.md §3), computed without joining every coding back
-- to every review: one pass over codings per statement and code, the statement's reviews counted once, and a
-- UNION ALL instead of a FULL JOIN, so that a condition on study_id reaches the indexes. A review covers a code
-- when its codes_through reaches the code's number; when the least codes_through of the statement's reviews
-- reaches the study's highest code number, every reviewer counts, otherwise the reviewers are counted exactly as
-- in coder_decisions (those whose review covers the code or who applied it). On 3,000,000 codings by one coder:
-- 18-20 s before, about 10 s after (Scripts/bench consensus).
-- `participant_id` (appended, issue 15) is the statement's participant, grouped on inside each aggregate so that a
-- condition on one participant (or one statement) reaches every part of the view through the indexes: the
-- maintained tables (07_maintained_stances.sql) refresh a participant's rows by reading this view so restricted.
CREATE OR REPLACE VIEW final_decisions WITH (security_invoker = true) AS
WITH applied AS (
    SELECT g.study_id, s.participant_id, g.statement_id, g.code_id, count(*) AS applied, min(g.stance) AS lo,
           max(g.stance) AS hi
      FROM codings g
      JOIN statements s ON s.study_id = g.study_id AND s.statement_id = g.statement_id
     GROUP BY g.study_id, s.participant_id, g.statement_id, g.code_id
), statement_reviews AS (
    SELECT r.study_id, s.participant_id, r.statement_id, count(*) AS reviewers, min(r.codes_through) AS least_through
      FROM reviews r
      JOIN statements s ON s.study_id = r.study_id AND s.statement_id = r.statement_id
     GROUP BY r.study_id, s.participant_id, r.statement_id
), votes AS (
    SELECT a.study_id, a.participant_id, a.statement_id, a.code_id, a.applied, a.lo, a.hi,
           CASE WHEN sr.least_through >= t.next_code_number - 1 THEN sr.reviewers
                ELSE (SELECT count(*) FROM reviews r JOIN codes c ON c.study_id = r.study_id AND c.code_id = a.code_id
                       WHERE r.study_id = a.study_id AND r.statement_id = a.statement_id
                         AND (r.codes_through >= c.number
                              OR EXISTS (SELECT 1 FROM codings g
                                          WHERE g.study_id = r.study_id AND g.statement_id = r.statement_id
                                            AND g.code_id = a.code_id AND g.coder_id = r.coder_id)))
           END AS reviewers
      FROM applied a
      JOIN studies t ON t.study_id = a.study_id
      JOIN statement_reviews sr ON sr.study_id = a.study_id AND sr.participant_id = a.participant_id
                               AND sr.statement_id = a.statement_id
)
SELECT v.study_id, v.statement_id, v.code_id,
       CASE WHEN a.code_id IS NOT NULL THEN 'adjudicated'
            WHEN v.reviewers = 1 THEN 'single'
            WHEN v.applied = v.reviewers AND v.lo = v.hi THEN 'agreed'
            ELSE 'unresolved' END AS basis,
       CASE WHEN a.code_id IS NOT NULL THEN a.applied
            WHEN v.applied = v.reviewers AND v.lo = v.hi THEN true
            WHEN v.reviewers = 1 THEN v.applied > 0
            END AS applied,
       CASE WHEN a.code_id IS NOT NULL THEN a.stance
            WHEN v.applied = v.reviewers AND v.lo = v.hi THEN v.lo
            END AS stance,
       coalesce(a.stale, false) AS stale,
       v.reviewers,
       v.participant_id
  FROM votes v
  LEFT JOIN adjudication_status a
         ON a.study_id = v.study_id AND a.statement_id = v.statement_id AND a.code_id = v.code_id
UNION ALL
-- adjudications of pairs nobody applied
SELECT a.study_id, a.statement_id, a.code_id, 'adjudicated', a.applied, a.stance, a.stale, 0, s.participant_id
  FROM adjudication_status a
  JOIN statements s ON s.study_id = a.study_id AND s.statement_id = a.statement_id
 WHERE NOT EXISTS (SELECT 1 FROM codings g
                    WHERE g.study_id = a.study_id AND g.statement_id = a.statement_id AND g.code_id = a.code_id);

-- Each participant's stance on each proposition they addressed or have an unresolved statement on.
-- `statements`: their statements with an applied final coding of it; `unresolved`: with an unresolved one.
-- `stance` is the mean of the final stances rounded half away from zero, computed on numeric (round on
-- double precision would round ties to even: 0.5 to 0); NULL when only unresolved statements exist, so
-- the participant did not (yet) address it. Grouped on final_decisions' participant_id, so that a condition on
-- one participant reaches final_decisions (07_maintained_stances.sql refreshes a participant so).
CREATE OR REPLACE VIEW participant_stances WITH (security_invoker = true) AS
SELECT f.study_id, f.participant_id, f.code_id,
       count(f.stance) AS statements,
       count(*) FILTER (WHERE f.basis = 'unresolved') AS unresolved,
       avg(f.stance::numeric) AS mean,
       round(avg(f.stance::numeric))::smallint AS stance,
       CASE sign(round(avg(f.stance::numeric))) WHEN 1 THEN 'support' WHEN -1 THEN 'oppose' WHEN 0 THEN 'neutral'
       END AS position
  FROM final_decisions f
 GROUP BY f.study_id, f.participant_id, f.code_id
-- a HAVING rather than a WHERE: a filter on final_decisions' CASE columns misleads the planner's row estimates
HAVING count(f.stance) > 0 OR count(*) FILTER (WHERE f.basis = 'unresolved') > 0;

-- The share of each study's statements that anyone reviewed.
CREATE OR REPLACE VIEW study_coverage WITH (security_invoker = true) AS
SELECT t.study_id, n.statements, r.reviewed, r.reviewed::numeric / nullif(n.statements, 0) AS coverage
  FROM studies t
  CROSS JOIN LATERAL (SELECT count(*) AS statements FROM statements s WHERE s.study_id = t.study_id) n
  CROSS JOIN LATERAL (SELECT count(DISTINCT statement_id) AS reviewed FROM reviews v WHERE v.study_id = t.study_id) r;

-- The final coding: applied final decisions with their stance and basis, plus the unresolved pairs
-- (basis 'unresolved', stance NULL), which consensus excludes and counts.
CREATE OR REPLACE VIEW final_codings WITH (security_invoker = true) AS
SELECT f.study_id, f.statement_id, r.reference AS statement, f.code_id, c.key AS code, f.stance, f.basis, f.stale
  FROM final_decisions f
  JOIN statement_refs r ON r.study_id = f.study_id AND r.statement_id = f.statement_id
  JOIN codes c ON c.study_id = f.study_id AND c.code_id = f.code_id
 WHERE f.applied OR f.basis = 'unresolved';

-- Open disagreements: pairs whose reviewers differ and that no adjudication settles, and stale adjudications.
CREATE OR REPLACE VIEW disagreements WITH (security_invoker = true) AS
SELECT f.study_id, f.statement_id, f.code_id, CASE WHEN f.stale THEN 'stale' ELSE 'open' END AS status
  FROM final_decisions f
 WHERE f.basis = 'unresolved' OR f.stale;

-- Tallies of one study, every theme and proposition in codebook order, for the whole panel or by the values of
-- participant attribute `by_attribute` ('(missing)' for participants without it), among the participants whose
-- attribute `where_attribute` equals `where_value` (all participants when it is NULL). A proposition row counts
-- participants (N), those who addressed it (n), their rounded stances (−2 … 2) and those with an unresolved
-- statement on it, and those statements (`unresolved_statements`); a theme row counts participants who
-- addressed any of its propositions (stances and unresolved_statements zero).
-- Small-cell suppression is applied by the caller (viewpoints consensus); these are raw counts.
-- Read from maintained_participant_stances, the participant_stances view kept as a table (issue 15): before, this
-- function re-derived every final decision and stance from codings, reviews and adjudications on every call (a
-- second formulation of the rule; 19-35 s on Scripts/bench consensus, 3,000,000 codings).
-- `SET jit = off`: PostgreSQL's JIT compiled the old formulation on every call, its row estimates being far too
-- high (issue 15; the program's own sessions run without JIT anyway; this covers psql users and the analysts'
-- functions).
CREATE OR REPLACE FUNCTION consensus_tallies(study bigint, by_attribute text DEFAULT NULL,
                                             where_attribute text DEFAULT NULL, where_value text DEFAULT NULL)
RETURNS TABLE (code text, label text, theme text, is_theme boolean, grp text, participants bigint,
               addressed bigint, stance_m2 bigint, stance_m1 bigint, stance_0 bigint, stance_p1 bigint,
               stance_p2 bigint, participants_unresolved bigint, unresolved_statements bigint)
LANGUAGE sql STABLE SET jit = off AS $$
WITH population AS (
    SELECT p.participant_id, CASE WHEN by_attribute IS NULL THEN '' ELSE coalesce(p.attributes ->> by_attribute, '(missing)') END AS grp
      FROM participants p
     WHERE p.study_id = consensus_tallies.study
       AND (where_attribute IS NULL OR p.attributes ->> where_attribute = where_value)
), groups AS (
    SELECT grp, count(*) AS participants FROM population GROUP BY grp
    UNION ALL
    SELECT '', 0 WHERE by_attribute IS NULL AND NOT EXISTS (SELECT 1 FROM population)
), stances AS NOT MATERIALIZED (
    -- the whole panel needs no join: every participant with a stance row is in it (a withdrawal takes the rows)
    SELECT x.code_id, x.participant_id, '' AS grp, x.stance, x.unresolved
      FROM maintained_participant_stances x
     WHERE x.study_id = consensus_tallies.study AND by_attribute IS NULL AND where_attribute IS NULL
    UNION ALL
    SELECT x.code_id, x.participant_id, pop.grp, x.stance, x.unresolved
      FROM maintained_participant_stances x
      JOIN population pop ON pop.participant_id = x.participant_id
     WHERE x.study_id = consensus_tallies.study AND (by_attribute IS NOT NULL OR where_attribute IS NOT NULL)
), per_code AS (
    SELECT code_id, grp, count(stance) AS addressed,
           count(*) FILTER (WHERE stance = -2) AS m2, count(*) FILTER (WHERE stance = -1) AS m1,
           count(*) FILTER (WHERE stance = 0) AS z, count(*) FILTER (WHERE stance = 1) AS p1,
           count(*) FILTER (WHERE stance = 2) AS p2, count(*) FILTER (WHERE unresolved > 0) AS unresolved,
           sum(unresolved) AS unresolved_statements
      FROM stances GROUP BY code_id, grp
), per_theme AS (
    -- participants who addressed any proposition of the theme (or have an unresolved statement under it): one row
    -- per participant and theme first, hashed, rather than count(DISTINCT …), which sorts every stance
    SELECT t.parent_id AS code_id, t.grp, count(*) FILTER (WHERE t.addressed) AS addressed,
           count(*) FILTER (WHERE t.unresolved) AS unresolved
      FROM (SELECT c.parent_id, s.grp, s.participant_id, bool_or(s.stance IS NOT NULL) AS addressed,
                   bool_or(s.unresolved > 0) AS unresolved
              FROM stances s JOIN codes c ON c.study_id = consensus_tallies.study AND c.code_id = s.code_id
             GROUP BY c.parent_id, s.grp, s.participant_id) t
     GROUP BY t.parent_id, t.grp
)
SELECT c.key, c.label, coalesce(t.key, c.key), c.parent_id IS NULL,
       CASE WHEN by_attribute IS NOT NULL THEN g.grp END, g.participants,
       coalesce(coalesce(pc.addressed, pt.addressed), 0),
       coalesce(pc.m2, 0), coalesce(pc.m1, 0), coalesce(pc.z, 0), coalesce(pc.p1, 0), coalesce(pc.p2, 0),
       coalesce(coalesce(pc.unresolved, pt.unresolved), 0), coalesce(pc.unresolved_statements, 0)::bigint
  FROM codes c
  LEFT JOIN codes t ON t.study_id = c.study_id AND t.code_id = c.parent_id
  CROSS JOIN groups g
  LEFT JOIN per_code pc ON c.parent_id IS NOT NULL AND pc.code_id = c.code_id AND pc.grp = g.grp
  LEFT JOIN per_theme pt ON c.parent_id IS NULL AND pt.code_id = c.code_id AND pt.grp = g.grp
 WHERE c.study_id = consensus_tallies.study
 ORDER BY coalesce(t.position, c.position), coalesce(t.number, c.number), c.parent_id IS NOT NULL, c.position,
          c.number, g.grp
$$;
