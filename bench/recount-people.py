#!/usr/bin/env python3
"""Usage: bench/recount-people.py REPO [BRANCH [AS_OF]]

Independent recount of a repository's active people per year, from `git log` alone, to check
`cdstats query active_contributors --period year` (its code_authors column) against: written
apart from cdstats' code and SQL. Checked equal on spinnaker/spinnaker (no .mailmap, git only):
  python3 bench/recount-people.py <spinnaker clone> main 2026-06-30
  cdstats query active_contributors --period year --project Spinnaker --as-of 2026-06-30
Equal by construction only where git's mailmap is not needed for co-authors and no GitHub
login links people (see the README, "People, bots and companies").

Counts, per UTC year of the author date, the distinct people who authored or co-authored
(Co-authored-by trailer) a commit on main, by the rules documented in cdstats' README:
- a person is a set of emails (lower-cased, mailmap applied by git: %aN/%aE) joined when they
  are GitHub noreply addresses of the same login or the same numeric account id;
- an email that is not a routable address (no dot in the domain, localhost, *.local,
  *.localdomain, *.internal, *.lan, *.home.arpa) names a machine: no person, unless joined to
  a routable email; git-svn's user@<uuid> is a person;
- a commit (or co-authorship) is a bot's when the name or the email written on it says so;
  a person all of whose names are bots' is a bot.
Written without cdstats' code or SQL: the bot patterns below are a short list of my own,
covering the bots seen in this repository.
"""
import fnmatch
import re
import subprocess
import sys
from collections import defaultdict
from datetime import datetime, timezone

REPO = sys.argv[1]
BRANCH = sys.argv[2] if len(sys.argv) > 2 else 'main'
# Nothing authored after this instant counts (cdstats' --as-of; a date is its midnight UTC).
AS_OF = datetime.fromisoformat(sys.argv[3]).replace(tzinfo=timezone.utc) if len(sys.argv) > 3 else None

# Globs (case-insensitive) on a name without spaces, a login or an email's local part.
BOT_WORDS = ['*[[]bot]',  # [[] is a literal [ in fnmatch
             '*-bot', 'bot-*', '*-robot', 'spinnakerbot', 'spinnaker-release', 'dependabot*',
             'renovate*', 'mergify*', 'github-actions', 'copilot*', 'cursoragent']
# Globs on full names with spaces, and whole emails (AI agents' co-author addresses).
BOT_NAMES = ['* bot', '* robot', 'github actions']
BOT_EMAILS = ['noreply@anthropic.com', 'noreply@openai.com', 'cursoragent@cursor.com']
NOREPLY = re.compile(r'^(?:(\d+)\+)?([^@]+)@users\.noreply\.github\.com$')
UUID = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')


def login_of(email):
    m = NOREPLY.match(email)
    return m.group(2) if m else None


def local_part(email):
    return login_of(email) or email.rsplit('@', 1)[0]


def glob(patterns, text):
    return any(fnmatch.fnmatchcase(text.lower(), p) for p in patterns)


def bot_email(email):
    return email in BOT_EMAILS or glob(BOT_WORDS, local_part(email))


def bot_name(name):
    name = name.strip()
    return glob(BOT_NAMES, name) if ' ' in name else glob(BOT_WORDS, name)


def machine(email):
    domain = email.rsplit('@', 1)[1].rstrip('.') if '@' in email else ''
    if domain == '':
        return True
    if UUID.match(domain):
        return False
    labels = domain.split('.')
    if len(labels) < 2 or 'internal' in labels:
        return True
    return any(domain == s or domain.endswith('.' + s) for s in ['localhost', 'localdomain', 'local', 'lan', 'home.arpa'])


parent = {}


def find(k):
    parent.setdefault(k, k)
    while parent[k] != k:
        parent[k] = parent[parent[k]]
        k = parent[k]
    return k


def union(a, b):
    ra, rb = find(a), find(b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


fmt = '%x1e%at%x00%aN%x00%aE%x00%an%x00%(trailers:key=Co-authored-by,valueonly,unfold)'
log = subprocess.run(['git', '-C', REPO, 'log', BRANCH, f'--format=tformat:{fmt}'], capture_output=True, check=True).stdout.decode('utf-8', 'replace')
events = []  # (year, written name, email)
for record in log.split('\x1e')[1:]:
    at, name, email, raw_name, trailers = record.split('\x00')
    when = datetime.fromtimestamp(int(at), timezone.utc)
    if AS_OF is not None and when > AS_OF:
        continue
    year = when.year
    # A bot's name is judged as written on the commit (%an); the person by the mailmapped email.
    events.append((year, raw_name, email.strip().lower()))
    for line in trailers.strip().splitlines():
        m = re.match(r'^(.*?)\s*<([^>]*)>', line.strip())
        if m and m.group(2).strip():
            events.append((year, m.group(1), m.group(2).strip().lower()))

for _, _, email in events:
    find('email:' + email)
    m = NOREPLY.match(email)
    if m:
        union('email:' + email, 'login:' + m.group(2))
        if m.group(1):
            union('email:' + email, 'id:' + m.group(1))

names_of = defaultdict(list)
for _, name, email in events:
    names_of[find('email:' + email)].append(name)
members = defaultdict(list)
for k in list(parent):
    members[find(k)].append(k)


def is_bot_person(root):
    emails = [k[6:] for k in members[root] if k.startswith('email:')]
    return any(bot_email(e) for e in emails) or all(bot_name(n) for n in names_of[root])


def is_unknown(root):
    return all(machine(k[6:]) for k in members[root] if k.startswith('email:'))


active = defaultdict(set)
for year, name, email in events:
    root = find('email:' + email)
    if is_bot_person(root) or bot_name(name) or is_unknown(root):
        continue
    active[year].add(root)
print('year,active_people')
for year in sorted(active):
    print(f'{year},{len(active[year])}')
