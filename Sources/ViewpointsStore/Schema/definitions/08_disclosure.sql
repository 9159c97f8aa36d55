-- Disclosure control for analysts (issue 14; METHODS.md, "Disclosure control for analysts"; SECURITY.md): the cell
-- key method over the participants' secret keys (0010_cell_keys.sql), the rule for which groups an analyst does not
-- see, and study_aggregate_tallies, the only way an analyst reads consensus counts (the CLI's analyst path and psql
-- alike). Leads of the study get exact counts from the same function.

-- A fresh cell key: a uniform random integer in [0, 2^31 - 1) from PostgreSQL's strong random source (the first
-- 32 bits of a version 4 UUID are random).
CREATE OR REPLACE FUNCTION viewpoints_new_cell_key() RETURNS bigint LANGUAGE sql VOLATILE AS $$
    SELECT ('x' || left(replace(gen_random_uuid()::text, '-', ''), 8))::bit(32)::bigint % 2147483647
$$;

-- Every participant inserted (import, restore, psql) gets a key, once per statement. Runs as the owner: nobody else
-- may write keys. A restore then puts the archived keys in their place (Store+Backup).
CREATE OR REPLACE FUNCTION participants_cell_keys() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
    INSERT INTO participant_cell_keys (study_id, participant_id, cell_key)
    SELECT n.study_id, n.participant_id, viewpoints_new_cell_key() FROM new_participants n
    ON CONFLICT (study_id, participant_id) DO NOTHING;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS participants_cell_keys ON participants;
CREATE TRIGGER participants_cell_keys AFTER INSERT ON participants
    REFERENCING NEW TABLE AS new_participants FOR EACH STATEMENT EXECUTE FUNCTION participants_cell_keys();

-- The perturbation table: what is added to a count `count` whose cell falls in `bucket` (0-2, a third of the cells
-- each). It rounds at random to a multiple of 3 without bias: a multiple of 3 (zero included) stays as it is; 3k + 1
-- becomes 3k (two buckets of three) or 3k + 3 (one); 3k + 2 becomes 3k (one) or 3k + 3 (two). So it adds -2 … +2,
-- 0 on average, never makes a count negative, and a published number fits a count c and c + 1 alike: no
-- difference of two published numbers proves that one person is in a cell (DisclosureTests; METHODS.md).
CREATE OR REPLACE FUNCTION viewpoints_perturbation(count bigint, bucket integer) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN count IS NULL OR count <= 0 THEN 0
                ELSE (ARRAY[ARRAY[0, 0, 0], ARRAY[-1, -1, 2], ARRAY[-2, 1, 1]])[count % 3 + 1][bucket + 1] END
$$;

-- A cell's bucket (0-2): the first 32 bits of SHA-256 over its cell key and its definition `cell`, modulo 3. The
-- cell key is the sum of its members' keys modulo 2^31 - 1: unknown to the analyst, and the same for the same
-- members. The definition (attribute, group, proposition, column) goes in too: with the members' keys alone, two
-- tables whose cells hold the same people would always show the same number, so a pair of cells that differ would
-- tell the analyst that the one person by whom two groups differ is in that column (the differencing attack of
-- issue 14). The same cell still gets the same number in every call.
CREATE OR REPLACE FUNCTION viewpoints_cell_bucket(key_sum numeric, cell text) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$
    SELECT (('x' || left(encode(sha256(convert_to(mod(coalesce(key_sum, 0), 2147483647)::text || ' ' || cell, 'UTF8')),
                                'hex'), 8))::bit(32)::bigint % 3)::integer
$$;

-- A count as released: `count` plus the perturbation for its cell (`key_sum`, the sum of its members' keys, and
-- `cell`, its definition); `exact` (a lead) gets the count itself.
CREATE OR REPLACE FUNCTION viewpoints_released(count bigint, key_sum numeric, cell text, exact boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN exact OR count IS NULL THEN count
                ELSE count + viewpoints_perturbation(count, viewpoints_cell_bucket(key_sum, cell)) END
$$;

-- The groups of one breakdown (name, participants) an aggregate withholds: every group of fewer than `min_cell`
-- participants, then, while the withheld groups together hold more than 0 and fewer than `min_cell` participants,
-- the smallest shown group (ties by name): no subtraction from the total or from other groups then isolates fewer
-- than `min_cell` people. Without a breakdown the whole panel is one group under the same rule.
CREATE OR REPLACE FUNCTION viewpoints_withheld_groups(names text[], sizes bigint[], min_cell integer)
RETURNS TABLE (grp text, withheld boolean)
LANGUAGE sql IMMUTABLE AS $$
    WITH g AS (
        SELECT n AS grp, z AS size, z < min_cell AS small FROM unnest(names, sizes) AS u (n, z)
    ), o AS (
        SELECT g.*, coalesce(sum(g.size) FILTER (WHERE g.small) OVER (), 0) AS small_total,
               coalesce(sum(g.size) OVER (PARTITION BY g.small ORDER BY g.size, g.grp COLLATE "C"
                                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
          FROM g
    )
    SELECT o.grp, o.small OR (o.small_total > 0 AND o.small_total + o.before < min_cell) FROM o
$$;

-- The participants of a study with their group of `by_attribute` ('' without one, '(missing)' without a value, as
-- in consensus_tallies) and their record keys.
CREATE OR REPLACE FUNCTION viewpoints_cell_members(study bigint, by_attribute text)
RETURNS TABLE (participant_id bigint, grp text, cell_key bigint)
LANGUAGE sql STABLE AS $$
    SELECT p.participant_id,
           CASE WHEN by_attribute IS NULL THEN '' ELSE coalesce(p.attributes ->> by_attribute, '(missing)') END,
           k.cell_key
      FROM participants p
      LEFT JOIN participant_cell_keys k ON k.study_id = p.study_id AND k.participant_id = p.participant_id
     WHERE p.study_id = viewpoints_cell_members.study
$$;

-- The sums of record keys of the cells of consensus_tallies other than a group's size, per code and group: for a
-- proposition, the participants with each rounded stance and those with an unresolved statement on it; for a theme,
-- those who addressed any of its propositions and those with an unresolved statement on one. The members come from
-- maintained_participant_stances, as consensus_tallies' counts do. Without JIT, as consensus_tallies: its row
-- estimates are far too high, and compiling cost more than the query.
CREATE OR REPLACE FUNCTION viewpoints_cell_keys(study bigint, by_attribute text)
RETURNS TABLE (code text, grp text, addressed numeric, m2 numeric, m1 numeric, z numeric, p1 numeric, p2 numeric,
               unresolved numeric)
LANGUAGE sql STABLE SET jit = off AS $$
WITH held AS (
    SELECT ps.code_id, c.parent_id, m.participant_id, m.grp, m.cell_key, ps.stance, ps.unresolved > 0 AS unresolved
      FROM maintained_participant_stances ps
      JOIN viewpoints_cell_members(study, by_attribute) m ON m.participant_id = ps.participant_id
      JOIN codes c ON c.study_id = ps.study_id AND c.code_id = ps.code_id AND c.parent_id IS NOT NULL
     WHERE ps.study_id = viewpoints_cell_keys.study
), cells AS (
    SELECT h.code_id, h.grp, NULL::numeric AS addressed,
           sum(h.cell_key) FILTER (WHERE h.stance = -2) AS m2, sum(h.cell_key) FILTER (WHERE h.stance = -1) AS m1,
           sum(h.cell_key) FILTER (WHERE h.stance = 0) AS z, sum(h.cell_key) FILTER (WHERE h.stance = 1) AS p1,
           sum(h.cell_key) FILTER (WHERE h.stance = 2) AS p2, sum(h.cell_key) FILTER (WHERE h.unresolved) AS unresolved
      FROM held h GROUP BY h.code_id, h.grp
    UNION ALL
    SELECT y.parent_id, y.grp, sum(y.cell_key) FILTER (WHERE y.addressed), NULL, NULL, NULL, NULL, NULL,
           sum(y.cell_key) FILTER (WHERE y.unresolved)
      FROM (SELECT h.parent_id, h.grp, h.participant_id, h.cell_key, bool_or(h.stance IS NOT NULL) AS addressed,
                   bool_or(h.unresolved) AS unresolved
              FROM held h GROUP BY h.parent_id, h.grp, h.participant_id, h.cell_key) y
     GROUP BY y.parent_id, y.grp
)
SELECT c.key, k.grp, k.addressed, k.m2, k.m1, k.z, k.p1, k.p2, k.unresolved
  FROM cells k JOIN codes c ON c.study_id = viewpoints_cell_keys.study AND c.code_id = k.code_id
$$;

-- consensus_tallies (04_final_coding.sql) of one study for its whole panel or `--by` groups, as an analyst may see
-- them: the groups viewpoints_withheld_groups names are one row per code, unnamed (grp NULL), `suppressed`, with
-- every count NULL, after the code's shown groups; every other count is released through the cell key method (a
-- lead of the study: exact); a cell is defined by attribute, group, proposition and column (the group's size by
-- attribute and group alone). A proposition row's `addressed` is the sum of its five released stance counts, so
-- shares add up; a theme row's is a cell of its own.
CREATE OR REPLACE FUNCTION study_aggregate_tallies(study_slug text, by_attribute text DEFAULT NULL,
                                                   min_cell integer DEFAULT 5)
RETURNS TABLE (code text, label text, theme text, is_theme boolean, grp text, suppressed boolean,
               participants bigint, addressed bigint, stance_m2 bigint, stance_m1 bigint, stance_0 bigint,
               stance_p1 bigint, stance_p2 bigint, participants_unresolved bigint, unresolved_statements bigint)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
WITH caller AS MATERIALIZED (
    SELECT s.id, viewpoints_has_role(s.id, 'lead') AS exact
      FROM (SELECT viewpoints_aggregate_study(study_slug, min_cell, by_attribute) AS id) s
), t AS (
    SELECT t.*, coalesce(t.grp, '') AS g, format('%L=%L', coalesce(by_attribute, ''), coalesce(t.grp, '')) AS cell
      FROM caller c CROSS JOIN LATERAL consensus_tallies(c.id, by_attribute) WITH ORDINALITY AS t
), sizes AS (
    SELECT DISTINCT t.g, t.participants FROM t
), w AS (
    SELECT * FROM viewpoints_withheld_groups((SELECT array_agg(g ORDER BY g) FROM sizes),
                                             (SELECT array_agg(participants ORDER BY g) FROM sizes), min_cell)
), group_keys AS (
    SELECT m.grp, sum(m.cell_key) AS total
      FROM caller c CROSS JOIN LATERAL viewpoints_cell_members(c.id, by_attribute) m GROUP BY m.grp
), released AS (
    SELECT t.ordinality, max(t.ordinality) OVER (PARTITION BY t.code) AS last, t.code, t.label, t.theme, t.is_theme,
           t.grp, w.withheld, c.exact,
           viewpoints_released(t.participants, gk.total, t.cell || ' participants', c.exact) AS participants,
           viewpoints_released(t.addressed, k.addressed, format('%s %L addressed', t.cell, t.code), c.exact)
               AS addressed,
           viewpoints_released(t.stance_m2, k.m2, format('%s %L -2', t.cell, t.code), c.exact) AS m2,
           viewpoints_released(t.stance_m1, k.m1, format('%s %L -1', t.cell, t.code), c.exact) AS m1,
           viewpoints_released(t.stance_0, k.z, format('%s %L 0', t.cell, t.code), c.exact) AS z,
           viewpoints_released(t.stance_p1, k.p1, format('%s %L 1', t.cell, t.code), c.exact) AS p1,
           viewpoints_released(t.stance_p2, k.p2, format('%s %L 2', t.cell, t.code), c.exact) AS p2,
           viewpoints_released(t.participants_unresolved, k.unresolved, format('%s %L unresolved', t.cell, t.code),
                               c.exact) AS unresolved,
           viewpoints_released(t.unresolved_statements, k.unresolved,
                               format('%s %L unresolved statements', t.cell, t.code), c.exact) AS unresolved_statements
      FROM t
      CROSS JOIN caller c
      JOIN w ON w.grp = t.g
      LEFT JOIN group_keys gk ON gk.grp = t.g
      LEFT JOIN viewpoints_cell_keys(c.id, by_attribute) k ON k.code = t.code AND k.grp = t.g
)
SELECT r.code, r.label, r.theme, r.is_theme, r.grp, r.suppressed, r.participants, r.addressed, r.m2, r.m1, r.z, r.p1,
       r.p2, r.unresolved, r.unresolved_statements
  FROM (
    SELECT d.ordinality::numeric AS ord, d.code, d.label, d.theme, d.is_theme, d.grp, false AS suppressed,
           d.participants,
           CASE WHEN d.exact OR d.is_theme THEN d.addressed ELSE d.m2 + d.m1 + d.z + d.p1 + d.p2 END AS addressed,
           d.m2, d.m1, d.z, d.p1, d.p2, d.unresolved, d.unresolved_statements
      FROM released d
     WHERE NOT d.withheld
    UNION ALL
    -- after the code's shown groups: where its rows would sit in name order is not told either
    SELECT max(d.last) + 0.5, d.code, d.label, d.theme, d.is_theme, NULL, true, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL
      FROM released d
     WHERE d.withheld
     GROUP BY d.code, d.label, d.theme, d.is_theme
  ) r
 ORDER BY r.ord
$$;

REVOKE EXECUTE ON FUNCTION study_aggregate_tallies(text, text, integer) FROM PUBLIC;

-- The study's coverage and unresolved statement–proposition pairs: whole-study counts.
CREATE OR REPLACE FUNCTION study_aggregate_coverage(study_slug text)
RETURNS TABLE (statements bigint, reviewed bigint, coverage numeric, unresolved_pairs bigint)
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    WITH s AS MATERIALIZED (SELECT viewpoints_aggregate_study(study_slug, viewpoints_min_cell(), NULL) AS study_id)
    SELECT c.statements, c.reviewed, c.coverage,
           (SELECT coalesce(sum(t.unresolved_statements), 0)::bigint FROM consensus_tallies(s.study_id) t)
      FROM s JOIN study_coverage c ON c.study_id = s.study_id
$$;
REVOKE EXECUTE ON FUNCTION study_aggregate_coverage(text) FROM PUBLIC;

-- The helpers stay callable by PUBLIC, so that the owner of study_aggregate_tallies may call them before `db roles`
-- hands them over; they run as their caller, and an analyst calling them directly is refused the tables
-- (participants, maintained_participant_stances, participant_cell_keys).
