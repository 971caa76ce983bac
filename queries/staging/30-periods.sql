-- Periods: the buckets of a time series.

-- The length of one period: day, week (ISO weeks start on Monday), month, quarter or year.
CREATE OR REPLACE TEMP MACRO period_step(period) AS
  CASE period WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
              WHEN 'quarter' THEN INTERVAL 3 MONTH WHEN 'year' THEN INTERVAL 1 YEAR END;

-- The last period of a time series: the one holding the last instant counted, just before
-- to_ts (exclusive) when given, never after as_of.
CREATE OR REPLACE TEMP MACRO last_period(period, to_ts, as_of) AS
  date_trunc(period, least(coalesce(to_ts - INTERVAL 1 MICROSECOND, as_of), as_of));

-- The periods of a time series, from first_bucket to last_period. More than 100,000 periods
-- (a daily series over 270 years, as one commit dated in year 1 would make) is an error
-- rather than gigabytes of empty rows.
CREATE OR REPLACE TEMP MACRO period_series(first_bucket, period, to_ts, as_of) AS
  CASE WHEN date_diff(period, first_bucket, last_period(period, to_ts, as_of)) > 100000
    THEN error('a time series from ' || strftime(first_bucket, '%Y-%m-%d') || ' by ' || period || ' would have more than 100,000 periods: give --from, or a longer --period')
    ELSE generate_series(first_bucket, last_period(period, to_ts, as_of), period_step(period)) END;

-- Every period of each project's series (project, bucket, next_bucket, collected), for the
-- table named `events` (a CTE with columns project and bucket): from the period of from_ts, else of the project's first event, to the
-- last period counted (period_series), with no gaps, so that empty periods count 0.
-- `collected` is false for periods after what the given sources were read until (or all of
-- them when a project never had them read): the indicator then shows NULL, not 0. Without
-- sources (git-only indicators) every period is collected.
CREATE OR REPLACE TEMP MACRO period_buckets(events, period, from_ts, to_ts, as_of, sources := NULL) AS TABLE
  WITH series AS (
    SELECT project, unnest(period_series(coalesce(date_trunc(period, from_ts::TIMESTAMP), min(bucket)), period, to_ts::TIMESTAMP, as_of::TIMESTAMP)) AS bucket
    FROM query_table(events)
    GROUP BY project
  )
  SELECT s.project, s.bucket, s.bucket + period_step(period) AS next_bucket,
    sources IS NULL OR coalesce(c.until >= s.bucket, false) AS collected
  FROM series s
  LEFT JOIN collected_until(coalesce(sources::VARCHAR[], [])) c ON c.project = s.project;
