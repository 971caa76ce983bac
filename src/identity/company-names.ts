/**
 * cncf/gitdm's `src/company-names-mapping`: one alias a line, `From -> To` (`Heptio -> VMware`,
 * `Google Inc. -> Google`), the spellings gitdm folds GitHub profile companies with; lines
 * starting with `#` are comments. Read as company aliases below the config's own
 * (`identity.aliases` wins on the same name). Names compare without case or extra spaces, as
 * aliases do; of two lines for the same name with different targets the first is kept and the
 * second reported. A name written with extra spaces (`Red  Hat -> NotFound`, a spelling seen
 * in some profile) is skipped: read without them it would catch the company itself.
 */
import type { ConfigProblem } from '../config/types.js';
import { normaliseName } from './companies.js';
import type { LineReader } from './lines.js';

const ARROW = ' -> ';

export class CompanyNamesReader implements LineReader {
  /** Lower-cased name → the name to use. */
  readonly aliases = new Map<string, string>();
  readonly warnings: ConfigProblem[] = [];
  private readonly lines = new Map<string, number>();

  constructor(private readonly file: string) {}

  line(raw: string, line: number): void {
    if (raw.startsWith('#') || raw.trim() === '') return;
    const warn = (message: string): void => void this.warnings.push({ message, origin: { file: this.file, line } });
    const arrow = raw.indexOf(ARROW);
    const written = arrow < 0 ? '' : raw.slice(0, arrow).trim();
    const from = normaliseName(written);
    const to = arrow < 0 ? '' : normaliseName(raw.slice(arrow + ARROW.length));
    if (from === '' || to === '') return warn(`expected "Company name -> Name to use" (got "${raw.trim()}")`);
    if (from !== written) return;
    const key = from.toLowerCase();
    const seen = this.aliases.get(key);
    if (seen !== undefined) {
      if (seen !== to) warn(`"${from}" is already mapped to "${seen}" at line ${this.lines.get(key) ?? '?'}; this line ("${to}") is not used`);
      return;
    }
    this.aliases.set(key, to);
    this.lines.set(key, line);
  }

  end(): void {}
}
