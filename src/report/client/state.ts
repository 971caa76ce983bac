/**
 * The view of a page in its URL, so that a link reproduces it: `?period=quarter&project=Tekton&project=Jenkins`.
 * Each view control of a page (a form marked `data-view`: the period switch, the project filter,
 * any later one) is a key of the query string, named as its inputs are, with their values as the
 * only values it takes: anything else in the URL is ignored, and a value is only ever compared
 * with the inputs' own, never inserted into the page. Links to the site's other pages carry the
 * state on, so the next page opens with the same period. Pure: no DOM, tested in Node.
 */

/** A view control: the inputs named `key` of a form, radio buttons (one value) or checkboxes (several). */
export interface Control {
  key: string;
  multiple: boolean;
  /** The values its inputs have: the only ones it takes. */
  values: readonly string[];
  /** The values checked when the page opens with nothing in its URL. */
  initial: readonly string[];
}

/** The values of each key, in the order of the page's controls and then of the URL. */
export type ViewState = ReadonlyMap<string, readonly string[]>;

/**
 * The keys of the view of any page of the site. A page carries those it has no control for on to
 * the pages it links to, unchecked (the page that uses one checks it), so that a trip through a
 * project page keeps the overview's project filter.
 */
const SITE_KEYS: readonly string[] = ['period', 'project', 'group'];
/** At most so many values of one key, each at most so long, are carried: enough for any site, not for a URL that would make every link huge. */
const MAX_VALUES = 200;
const MAX_LENGTH = 300;

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

/**
 * The state a URL's query string asks for: for each control the values it takes among those
 * given (the last one for a single value; none valid: its initial values), and the carried keys
 * as they are.
 */
export function readState(search: string, controls: readonly Control[]): ViewState {
  const params = new URLSearchParams(search);
  const state = new Map<string, string[]>();
  for (const control of controls) {
    const valid = [...new Set(params.getAll(control.key).filter((v) => control.values.includes(v)))];
    const chosen = control.multiple ? valid : valid.slice(-1);
    state.set(control.key, chosen.length === 0 ? [...control.initial] : chosen);
  }
  for (const key of SITE_KEYS) {
    if (state.has(key)) continue;
    const values = params.getAll(key).filter((v) => v.length > 0 && v.length <= MAX_LENGTH).slice(0, MAX_VALUES);
    if (values.length > 0) state.set(key, values);
  }
  return state;
}

/** The query string of a state (`?period=year&project=A`), leaving out what a control has by default; empty for none. */
export function stateQuery(state: ViewState, controls: readonly Control[]): string {
  const params = new URLSearchParams();
  for (const [key, values] of state) {
    const control = controls.find((c) => c.key === key);
    if (control !== undefined && same(values, control.initial)) continue;
    for (const value of values) params.append(key, value);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/**
 * A link of the page with the state's query: a relative link to another page of the site
 * (`projects/alpha.html`, `../index.html#s-x`) gets it in place of any query it had; anything else
 * (an anchor on this page, an absolute or external URL, a download) is left alone: null.
 */
export function linkWithState(href: string, query: string): string | null {
  if (/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) return null;
  const match = /^([^?#]*\.html)(?:\?[^#]*)?(#.*)?$/.exec(href);
  if (match === null) return null;
  return `${match[1] ?? ''}${query}${match[2] ?? ''}`;
}
