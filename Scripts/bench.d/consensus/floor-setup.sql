-- The floor of `Scripts/bench consensus` (issue 15), set up outside the timing: the participant stances of study
-- :study kept as a table with a covering index, as maintained stances would be.
\ir stances.sql
DROP TABLE IF EXISTS bench_floor_stances;
CREATE TABLE bench_floor_stances AS SELECT * FROM bench_stances;
CREATE INDEX ON bench_floor_stances (code_id) INCLUDE (stance, unresolved);
ANALYZE bench_floor_stances;
