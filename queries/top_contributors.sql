-- title: Top contributors
-- description: People by contributions over the window ending at as_of (default 365 days), bots left out, at most top (default 25) per project, ties broken by name: their company at as_of (the affiliation period holding that instant, matched as the contributions view matches each contribution; empty when none or unknown), their contributions split into commits (authored and co-authored), prs (pull requests opened), reviews (pull request reviews), comments (on issues and pull requests) and issues (opened), the date of their first contribution ever to the project and of their last one in the window, and their share of all the project's contributions in the window. devstats: "Developer activity counts".
-- unit: contributions
-- chart: table
-- groups: people
-- params: projects, repos, as_of, window INTEGER = 365, top INTEGER = 25
WITH per_person AS (
  SELECT project, person_id, any_value(person) AS person,
    min(contributed_at) AS first_at,
    max(contributed_at) FILTER (WHERE recent) AS last_at,
    count(*) FILTER (WHERE recent) AS contributions,
    count(*) FILTER (WHERE recent AND kind IN ('commit', 'co_author')) AS commits,
    count(*) FILTER (WHERE recent AND kind = 'pr_opened') AS prs,
    count(*) FILTER (WHERE recent AND kind = 'pr_review') AS reviews,
    count(*) FILTER (WHERE recent AND kind IN ('pr_comment', 'issue_comment')) AS comments,
    count(*) FILTER (WHERE recent AND kind = 'issue_opened') AS issues
  FROM (
    SELECT project, person_id, person, kind, contributed_at, in_last_days(contributed_at, $as_of, $window) AS recent
    FROM people_contributions($projects, $repos, $as_of)
  )
  GROUP BY project, person_id
  HAVING count(*) FILTER (WHERE recent) > 0
)
SELECT p.project, p.person, p.person_id, a.company, p.contributions, p.commits, p.prs, p.reviews, p.comments, p.issues,
  CAST(p.first_at AS DATE) AS first, CAST(p.last_at AS DATE) AS last,
  round(p.contributions / sum(p.contributions) OVER (PARTITION BY p.project), 4) AS share
FROM per_person p
-- Affiliation periods never overlap, so at most one holds as_of; same bounds as the contributions view.
LEFT JOIN affiliations a ON a.person_id = p.person_id
  AND $as_of >= coalesce(a.from_date, TIMESTAMP '0001-01-01') AND $as_of < coalesce(a.until_date, TIMESTAMP '9999-12-31')
QUALIFY row_number() OVER (PARTITION BY p.project ORDER BY p.contributions DESC, p.person, p.person_id) <= $top
ORDER BY p.project, p.contributions DESC, p.person, p.person_id
