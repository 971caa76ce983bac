-- Coverage: until when each source was read, so that a period no source covered is missing
-- (NULL), not 0.

-- Per repository and GitHub source that was read successfully: the instant it covers until.
CREATE OR REPLACE TEMP VIEW collected_sources AS
  SELECT project, repo, repo_id, source, covered_until
  FROM coverage
  WHERE status = 'collected';

-- Per unit (each project, group and 'all'; see units): the latest instant any of its
-- repositories was read until from these sources. A group's is its most recently read
-- project's, as a project's is its most recently read repository's.
CREATE OR REPLACE TEMP MACRO collected_until(sources VARCHAR[]) AS TABLE
  SELECT u.unit AS project, max(s.covered_until) AS until
  FROM collected_sources s
  JOIN units u ON u.project = s.project
  WHERE list_contains(sources, s.source)
  GROUP BY u.unit;
