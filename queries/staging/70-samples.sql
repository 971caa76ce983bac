-- Small samples: a share of one or two people swings between 0 and 100%.

-- The fewest people (or items) a ratio or trend is computed on: below it the indicator gives
-- NULL (shown as "—") and its n beside it says why. README.md, "Small samples".
CREATE OR REPLACE TEMP MACRO min_sample() AS 10;
