-- The hand-written reference of `Scripts/bench consensus`: per proposition of study :study, N, n and the
-- participant stances −2 … 2, straight from the base tables with the final-coding rule inlined (stances.sql).
\ir stances.sql
\set source bench_stances
\ir tallies.sql
