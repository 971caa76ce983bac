/**
 * A person's companies over time: the sources asked in devstats' order, each turned into
 * non-overlapping periods by ranges.ts. Pure.
 */
import type { ConfigProblem } from '../config/types.js';
import { canonicalCompany, companyDomains, companyFromDomain } from './companies.js';
import { emailMapHistory, type EmailMapLine } from './email-map.js';
import type { AffiliationLine } from './gitdm.js';
import { keyValues } from './keys.js';
import { profileFor, type ProfileAffiliation } from './profiles.js';
import { resolvePeriods, type Period } from './ranges.js';

/** Where a period of a person's company comes from, highest priority first (see personPeriods). */
export type AffiliationSource = 'config' | 'gitdm' | 'email-map' | 'github profile' | 'domain';

/** `readAt`: when the source was read (a GitHub profile), else absent. */
export type SourcedPeriod = Period & { source: AffiliationSource; readAt?: string };

/** Email map histories, by exact email and by domain, each built once per key (with its warnings once). */
export class EmailMapLookup {
  private readonly histories = new Map<string, AffiliationLine[]>();
  /** Keys with a `(Robots)` line: few, or none. */
  private readonly robots = new Set<string>();

  constructor(
    private readonly lines: ReadonlyMap<string, readonly EmailMapLine[]>,
    private readonly warnings: ConfigProblem[],
  ) {
    for (const [key, list] of lines) if (list.some((line) => line.robot)) this.robots.add(key);
  }

  history(key: string): AffiliationLine[] | undefined {
    let history = this.histories.get(key);
    if (history === undefined) {
      const lines = this.lines.get(key);
      if (lines === undefined) return undefined;
      history = emailMapHistory(lines, this.warnings);
      this.histories.set(key, history);
    }
    return history;
  }

  /** The history of the first of `emails` listed, or of the first domain entry that covers one. */
  forEmails(emails: readonly string[], domains: boolean): AffiliationLine[] {
    for (const address of emails) {
      for (const key of domains ? companyDomains(address) : [address]) {
        const history = this.history(key);
        if (history !== undefined && history.length > 0) return history;
      }
    }
    return [];
  }

  /** `(Robots)` for this email, by its own key or its domain's. */
  isRobot(address: string): boolean {
    return this.robots.size > 0 && (this.robots.has(address) || companyDomains(address).some((key) => this.robots.has(key)));
  }
}

/** A block of affiliation lines of one source; `weight`: the contributions written with a gitdm block's keys. */
export interface Block {
  lines: AffiliationLine[];
  source: AffiliationSource;
  weight: number;
}

interface PeriodSources {
  affiliations: Map<string, Block[]>;
  emailMap: EmailMapLookup;
  /** GitHub profiles' companies by login (profiles.ts), spelt already. */
  profiles: ReadonlyMap<string, ProfileAffiliation>;
  aliases: ReadonlyMap<string, string>;
  domains: ReadonlyMap<string, string>;
}

/**
 * A person's companies over time, from the first source that knows something of them, in
 * devstats' order: the config's lines; gitdm affiliation files; the gitdm email map (the
 * person's emails, then whole-domain keys); the company of the person's GitHub profile, for all
 * time (a profile says today's employer, but with nothing else known it is the best estimate of
 * the past too, as devstats has it; the read one last among several logins); the config's
 * email-domain map. A source whose lines are all `NotFound`/`Unknown` knows nothing and
 * the next one is asked; `Independent` is known (no company). Company aliases apply before
 * periods are merged, so an acquisition reads as one company.
 */
export function personPeriods(root: string, keys: readonly string[], emails: readonly string[], sources: PeriodSources, warnings: ConfigProblem[]): SourcedPeriod[] {
  const blocks = (source: AffiliationSource) => keys.flatMap((k) => sources.affiliations.get(k) ?? []).filter((s) => s.source === source);
  const profile = profileFor(keyValues(keys, 'login'), sources.profiles);
  const listed = (source: AffiliationSource) => () => (source === 'gitdm' ? inOrder(blocks(source)) : blocks(source)).flatMap((s) => s.lines);
  const candidates: [AffiliationSource, () => AffiliationLine[]][] = [
    ['config', listed('config')],
    ['gitdm', listed('gitdm')],
    ['email-map', () => sources.emailMap.forEmails(emails, false)],
    ['email-map', () => sources.emailMap.forEmails(emails, true)],
    ['github profile', () => (profile ? [{ company: profile.company, from: null, until: null, file: 'github profile', line: 0 }] : [])],
    ['domain', () => domainLines(emails, sources.domains)],
  ];
  for (const [source, read] of candidates) {
    const lines = read().filter((line) => !line.robot);
    if (!lines.some((line) => !line.unknown)) continue;
    const { periods, conflicts } = resolvePeriods(lines.map((line) => ({ ...line, company: canonicalCompany(line.company, sources.aliases) })), root);
    for (const c of conflicts) warnings.push({ message: c.message, origin: { file: c.second.file, line: c.second.line } });
    return periods.map((p) => (source === 'github profile' && profile ? { ...p, source, readAt: profile.readAt } : { ...p, source }));
  }
  return [];
}

/**
 * The order in which a person's gitdm blocks are laid over each other (a later line wins the days
 * two lines share). One person may have several: cncf/gitdm lists `ImJasonH` twice (a dated
 * history, and another address with an undated `Google LLC`) and `jstrachan` twice (CloudBees
 * for the address of 3,000 commits, Red Hat for the noreply one), as gitdm keeps a history per
 * address. Laid last, so kept where they differ: the block with more dated lines, then the one
 * whose addresses and login carry more contributions, then the one listed later.
 */
function inOrder(blocks: readonly Block[]): readonly Block[] {
  if (blocks.length < 2) return blocks;
  const dated = (block: Block) => block.lines.filter((line) => line.from !== null || line.until !== null).length;
  return [...blocks].sort((a, b) => {
    const [fa, fb] = [a.lines[0], b.lines[0]];
    return dated(a) - dated(b) || a.weight - b.weight || (fa?.file ?? '').localeCompare(fb?.file ?? '', 'en', { numeric: true }) || (fa?.line ?? 0) - (fb?.line ?? 0);
  });
}

/** The config's email-domain map: the company of the first email whose domain it names, for all time. */
function domainLines(emails: readonly string[], domains: ReadonlyMap<string, string>): AffiliationLine[] {
  for (const address of emails) {
    const company = companyFromDomain(address, domains);
    if (company) return [{ company, from: null, until: null, file: '', line: 0 }];
  }
  return [];
}
