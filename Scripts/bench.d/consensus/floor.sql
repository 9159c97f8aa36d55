-- The floor of `Scripts/bench consensus`: the same tallies by one query over the maintained-stances table.
\set source bench_floor_stances
\ir tallies.sql
