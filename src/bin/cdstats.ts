#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT_FAILED, EXIT_USAGE, UserError } from '../errors.js';
import { stderrLog } from '../log.js';
import { redact } from '../redact.js';
import type { PeopleOptions } from '../cli/people.js';
import type { QueryOptions } from '../cli/query.js';
import type { ReportOptions } from '../cli/report.js';

function wholeNumber(flag: string, min = 0): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${flag} takes a whole number of at least ${min}, not "${value}"`);
    return n;
  };
}

const program = new Command('cdstats')
  .description('Community health analytics for open-source projects: git history into one DuckDB file, devstats/CHAOSS indicators, a static report.')
  .option('-c, --config <file>', 'config file; without one, cdstats analyses the git repository of the current directory', undefined)
  .option('--debug', 'show stack traces of errors')
  .showHelpAfterError()
  .exitOverride();

program
  .command('init')
  .description('write a commented starter cdstats.yaml and git-ignore the data folder')
  .option('--force', 'overwrite an existing config file')
  .action(async (options: { force?: boolean }) => {
    const { runInit } = await import('../cli/init.js');
    await runInit(program.opts<{ config?: string }>().config, options.force === true, stderrLog);
  });

program
  .command('collect')
  .description('clone or fetch every repository of the config and store new history in the database')
  .option('-p, --project <name...>', 'only these projects (repeatable)')
  .addOption(new Option('--wait <seconds>', 'if another collect runs on the same database, wait this long for it').default(0).argParser(wholeNumber('--wait')))
  .addOption(new Option('--batch-size <commits>', 'commits written per transaction; lower it to use less memory').default(20_000).argParser(wholeNumber('--batch-size', 1)))
  .option('--full', 're-sync GitHub data from scratch and remove what GitHub no longer returns (deleted issues, transferred repositories)')
  .addHelpText(
    'after',
    `
GitHub data (pull requests, reviews, comments, issues, releases, stars) is collected for
\`github:\` repositories when a token is set: GITHUB_TOKEN, or the variable named by
github.tokenEnv in the config. The endpoint is github.graphqlUrl, GITHUB_GRAPHQL_URL, or
https://api.github.com/graphql.

Exit status: 0 all repositories collected, 1 some failed (the others are stored), 2 usage or config error.`,
  )
  .action(async (options: { project?: string[]; wait: number; batchSize: number; full?: boolean }) => {
    const { runCollect } = await import('../cli/collect.js');
    const config = program.opts<{ config?: string }>().config;
    process.exitCode = await runCollect(config, { projects: options.project ?? [], wait: options.wait, batchSize: options.batchSize, full: options.full === true, log: stderrLog });
  });

program
  .command('report')
  .description('build the static HTML report site from the database, or draw one chart as SVG or PNG')
  .option('-o, --out <path>', 'output folder of the site (default: report/ next to the config file, or in the current directory); with --format svg|png the image file (default <indicator>[-<project>][-<period>].<format>; - for stdout)')
  .option('--as-of <date>', 'report as of this date (YYYY-MM-DD or ISO instant); default now')
  .addOption(new Option('--format <format>', 'html: the site; svg or png: one chart, named by --indicator').choices(['html', 'svg', 'png']).default('html'))
  .option('-i, --indicator <id>', 'with --format svg|png: the indicator to draw, as the overview (or with --project, the project page) draws it')
  .option('-p, --project <name>', 'with --format svg|png: draw the chart of this project\'s page')
  .addOption(new Option('--period <period>', 'with --format svg|png: the period of a time series (default month)').choices(['week', 'month', 'quarter', 'year']))
  .addHelpText(
    'after',
    '\nThe pages and their charts are declared in reports/*.yaml; `reports:` in cdstats.yaml names a folder of your own.\nExamples:\n  cdstats report --out public\n  cdstats report --format png --indicator active_contributors --period quarter\n  cdstats report --format svg --indicator pr_time_to_merge --project Tekton --out ttm.svg',
  )
  .action(async (options: ReportOptions) => {
    const { runReport } = await import('../cli/report.js');
    await runReport(program.opts<{ config?: string }>().config, options, stderrLog);
  });

program
  .command('people')
  .description('list the people behind the contributions: identities, company, contribution count (bots left out unless --bots)')
  .option('-p, --project <name...>', 'only contributions to these projects')
  .option('--unaffiliated', 'only people with no known company')
  .option('--bots', 'include bots')
  .addOption(new Option('--top <n>', 'the N most active only').argParser(wholeNumber('--top', 1)))
  .option('--gitdm <file>', 'write them as a gitdm developers_affiliations template to fill in, instead of printing')
  .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise)').choices(['table', 'csv', 'json', 'ndjson']))
  .addHelpText('after', '\nThe fastest way to fix company numbers: cdstats people --unaffiliated --top 50 --gitdm to-fill.txt')
  .action(async (options: PeopleOptions) => {
    const { runPeople } = await import('../cli/people.js');
    await runPeople(program.opts<{ config?: string }>().config, options, stderrLog);
  });

program
  .command('query')
  .description('run an indicator by id, or read-only SQL against the database (see docs/schema.md for the tables)')
  .argument('[sql]', 'an indicator id (see --list), the SQL text, or - to read SQL from standard input')
  .option('-f, --file <file>', 'read the SQL from a file')
  .option('-l, --list', 'list the indicators (the queries/ folder) with their definitions')
  .option('-p, --project <name...>', 'indicator: only these projects; `all` (the default) gives every project side by side')
  .option('--repo <name...>', 'indicator: only these repositories')
  .addOption(new Option('--period <period>', 'indicator: the period of a time series (default month)').choices(['day', 'week', 'month', 'quarter', 'year']))
  .option('--from <date>', 'indicator: from this date (inclusive; YYYY-MM-DD or ISO instant)')
  .option('--to <date>', 'indicator: until this date (exclusive)')
  .option('--as-of <date>', 'indicator: compute as of this date (default now)')
  .option('--param <name=value...>', "indicator: a value for one of the indicator's own parameters")
  .option('--average', 'indicator: with --period day, add value_avg, the 7-day moving average')
  .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise)').choices(['table', 'csv', 'json', 'ndjson']))
  .addHelpText('after', '\nExamples:\n  cdstats query --list\n  cdstats query commits --project Tekton --period quarter --format csv\n  cdstats query "select project, count(*) from contributions where not is_bot group by all"')
  .action(async (sql: string | undefined, options: QueryOptions) => {
    const { runQuery } = await import('../cli/query.js');
    await runQuery(program.opts<{ config?: string }>().config, sql, options, stderrLog);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else if (error instanceof UserError) {
    process.stderr.write(`cdstats: ${redact(error.message)}\n`);
    if (program.opts<{ debug?: boolean }>().debug && error.stack) process.stderr.write(`${redact(error.stack)}\n`);
    process.exitCode = error.exitCode;
  } else {
    const text = error instanceof Error ? (program.opts<{ debug?: boolean }>().debug ? (error.stack ?? error.message) : error.message) : String(error);
    process.stderr.write(`cdstats: unexpected error: ${redact(text)}\n(run again with --debug for details)\n`);
    process.exitCode = EXIT_FAILED;
  }
}
