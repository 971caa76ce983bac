-- Concentration: how few people or companies do most of the work.

-- Ranks the rows of the table named `counts` (a CTE with columns project, key, n) within each
-- project by n, largest first (ties by key, so the result never depends on row order), with
-- the running sum and the project's total: the smallest rank whose running sum is more than
-- half of the total is the bus (people) or elephant (companies) factor.
CREATE OR REPLACE TEMP MACRO ranked_shares(counts) AS TABLE
  SELECT project, key, n,
    row_number() OVER (PARTITION BY project ORDER BY n DESC, key) AS rank,
    sum(n) OVER (PARTITION BY project ORDER BY n DESC, key ROWS UNBOUNDED PRECEDING) AS running,
    sum(n) OVER (PARTITION BY project) AS total
  FROM query_table(counts);
