import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UserError } from '../errors.js';
import { redact } from '../redact.js';
import type { CliIo, Output } from './io.js';
import type { PeopleOptions } from './people.js';
import type { QueryOptions } from './query.js';
import type { ReportOptions } from './report.js';

function wholeNumber(flag: string, min = 0): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${flag} takes a whole number of at least ${min}, not "${value}"`);
    return n;
  };
}

/**
 * The command line of cdstats, writing to `io`. A command's module is loaded when it runs,
 * so a start loads only what it uses; `exit` takes the status a command returns.
 */
function createProgram(io: CliIo, exit: (status: number) => void): Command {
  const program = new Command('cdstats')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : undefined) ?? 80,
      getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : undefined) ?? 80,
    })
    .description('Community health analytics for open-source projects: git history into one DuckDB file, devstats/CHAOSS indicators, a static report.')
    .option('-c, --config <file>', 'config file; without one, cdstats analyses the git repository of the current directory', undefined)
    .option('--debug', 'show stack traces of errors')
    // Every command's --help lists --config and --debug too (subcommands inherit this setting).
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError()
    .exitOverride();

  program
    .command('init')
    .description('write a commented starter cdstats.yaml and add data/ and report/ to .gitignore')
    .option('--force', 'overwrite an existing config file')
    .action(async (options: { force?: boolean }) => {
      const { runInit } = await import('./init.js');
      await runInit(program.opts<{ config?: string }>().config, options.force === true, io);
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

One repository's git work stops after git.timeoutMinutes in the config (default 60): that
repository fails, the others go on.

gitdm repositories listed under identity.gitdm (a URL such as https://github.com/cncf/gitdm.git)
are fetched into their mirrors too; one that fails counts as a failure and its mirror, as it
was, is still read. People are resolved again and stored when anything they depend on changed.

Exit status: 0 all repositories collected, 1 some failed (the others are stored), 2 usage or config error,
130 or 143 interrupted (Ctrl-C, SIGTERM; the run is marked failed, what was stored stays).`,
    )
    .action(async (options: { project?: string[]; wait: number; batchSize: number; full?: boolean }) => {
      const { runCollect } = await import('./collect.js');
      const config = program.opts<{ config?: string }>().config;
      exit(await runCollect(config, { projects: options.project ?? [], wait: options.wait, batchSize: options.batchSize, full: options.full === true }, io));
    });

  program
    .command('report')
    .description('build the static HTML report site from the database, or draw one chart as SVG or PNG')
    .option('-o, --out <path>', 'where the site is published: a link to its current version in <path>.sites/, swapped atomically (default: report next to the config file, or in the current directory); with --format svg|png the image file (default <indicator>[-<project>][-<period>].<format>; - for stdout)')
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
      const { runReport } = await import('./report.js');
      await runReport(program.opts<{ config?: string }>().config, options, io);
    });

  program
    .command('people')
    .description('list the people behind the contributions: identities, company and affiliations with their sources and dates, contributions in all and recent (bots left out unless --bots)')
    .option('-p, --project <name...>', 'only contributions to these projects')
    .option('--unaffiliated', 'only people with recent contributions whose company is unknown (neither a company nor Independent), most such contributions first')
    .option('--bots', 'include bots')
    .addOption(new Option('--top <n>', 'the N most active only').argParser(wholeNumber('--top', 1)))
    .addOption(new Option('--window <days>', 'recent contributions are those of the DAYS days up to the end of the collected data, or --as-of (default 365)').argParser(wholeNumber('--window', 1)))
    .option('--as-of <date>', 'count contributions up to this date (YYYY-MM-DD or ISO instant); default the end of the collected data')
    .option('--gitdm <file>', 'write them as a gitdm developers_affiliations template to fill in, instead of printing')
    .option('--duplicates', 'list likely duplicates instead: people with the same name and different emails, with their emails, repositories, dates and counts')
    .option('--mailmap <file>', 'with --duplicates: append the .mailmap lines that merge each pair to this file, to review and list under identity.mailmap')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise)').choices(['table', 'csv', 'json', 'ndjson']))
    .addHelpText(
      'after',
      [
        '',
        'Names never merge people by themselves; emails that name a machine (runner@fv-az51, root@<container>) are',
        'the unknown identity, in no count of people (the line on standard error says how many).',
        '',
        'Companies come from, highest first: identity.people in cdstats.yaml; gitdm affiliation files; the gitdm',
        'email map; identity.domains. identity.gitdm takes files and gitdm repositories (cncf/gitdm is one).',
        'People are resolved again only when the config, a file, a gitdm repository or the data changed.',
        '',
        'The fastest way to fix company numbers: cdstats people --unaffiliated --top 50 --gitdm to-fill.txt',
        'The fastest way to fix duplicate people:  cdstats people --duplicates --mailmap duplicates.mailmap',
        '  then delete the pairs that are two people and add duplicates.mailmap under identity.mailmap in cdstats.yaml.',
      ].join('\n'),
    )
    .action(async (options: PeopleOptions) => {
      const { runPeople } = await import('./people.js');
      await runPeople(program.opts<{ config?: string }>().config, options, io);
    });

  // `cdstats query <id> --help` starts with the indicator's definition, read before the help is printed.
  let definition = '';
  program.hook('preSubcommand', async (_, command) => {
    if (command.name() !== 'query') return;
    const { indicatorHelp } = await import('./query.js');
    definition = await indicatorHelp(program.args.slice(1));
  });

  program
    .command('query')
    .description('run an indicator by id, or read-only SQL against the database (see docs/schema.md for the tables)')
    .argument('[sql]', 'an indicator id (see --list), the SQL text, or - to read SQL from standard input')
    .option('-f, --file <file>', 'read the SQL from a file')
    .option('-l, --list', 'list the indicators (the queries/ folder): one line each on a terminal, in full otherwise')
    .option('--long', 'with --list: the full definitions on a terminal too')
    .option('-p, --project <name...>', 'indicator: only these projects; `all` (the default) gives every project side by side')
    .option('-g, --group <name...>', "indicator: these groups of the config's `groups:`, each counted as one (a person once, wherever in it); `all` is every project; the `project` column holds the group's name")
    .option('--repo <name...>', 'indicator: only these repositories')
    .option('--repo-group <name...>', "indicator: only the repositories of these repository groups (the config's `repoGroups:` or `group:`)")
    .addOption(new Option('--period <period>', 'indicator: the period of a time series (default month)').choices(['day', 'week', 'month', 'quarter', 'year']))
    .option('--from <date>', "indicator: from this date (inclusive; YYYY-MM-DD or ISO instant), or `joined`: each project from its config's `joined:` day")
    .option('--to <date>', 'indicator: until this date (exclusive)')
    .option('--as-of <date>', 'indicator: compute as of this date (default now)')
    .option('--param <name=value...>', "indicator: a value for one of the indicator's own parameters")
    .option('--average', 'indicator: with --period day, add value_avg, the 7-day moving average')
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, csv otherwise)').choices(['table', 'csv', 'json', 'ndjson']))
    .addHelpText('before', () => definition)
    .addHelpText('after', '\nThe SQL reads the database only: files, extensions and settings are out of its reach (COPY, ATTACH, read_csv, INSTALL and SET fail).\nExamples:\n  cdstats query --list\n  cdstats query bus_factor --help    (its definition and parameters)\n  cdstats query commits --project Tekton --period quarter --format csv\n  cdstats query active_contributors --group "CD Foundation" --group all    (people counted once per group)\n  cdstats query new_contributors --project Tekton --from joined\n  cdstats query "select project, count(*) from contributions where not is_bot group by all"')
    .action(async (sql: string | undefined, options: QueryOptions) => {
      const { runQuery } = await import('./query.js');
      await runQuery(program.opts<{ config?: string }>().config, sql, options, io);
    });

  return program;
}

/** Prints the error that ended a command, as the top level does, and returns the exit status. */
function reportError(error: unknown, debug: boolean, stderr: Output): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (error instanceof UserError) {
    stderr.write(`cdstats: ${redact(error.message)}\n`);
    if (debug && error.stack) stderr.write(`${redact(error.stack)}\n`);
    return error.exitCode;
  }
  const text = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  stderr.write(`cdstats: unexpected error: ${redact(text)}\n(run again with --debug for details)\n`);
  return EXIT_FAILED;
}

/** Runs cdstats with the arguments after the program name; resolves to the exit status. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let status = EXIT_OK;
  const program = createProgram(io, (code) => (status = code));
  try {
    await program.parseAsync(args, { from: 'user' });
    return status;
  } catch (error) {
    return reportError(error, program.opts<{ debug?: boolean }>().debug === true, io.stderr);
  }
}
