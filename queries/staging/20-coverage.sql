-- Coverage: until when each source was read, so that a period no source covered is missing
-- (NULL), not 0.

-- Per repository and GitHub source that was read successfully: the instant it covers until.
CREATE OR REPLACE TEMP VIEW collected_sources AS
  SELECT project, repo, repo_id, source, covered_until
  FROM coverage
  WHERE status = 'collected';

-- Per project: the latest instant any of its repositories was read until from these sources.
CREATE OR REPLACE TEMP MACRO collected_until(sources VARCHAR[]) AS TABLE
  SELECT project, max(covered_until) AS until
  FROM collected_sources
  WHERE list_contains(sources, source)
  GROUP BY project;
