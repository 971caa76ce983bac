import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Loader, LoggerInterface } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/**
 * One Vega-Lite chart drawn to an image on the command line, without a browser: vega-lite
 * compiles the spec, vega draws the scene as an SVG string (no canvas, no DOM), and resvg
 * rasterises that SVG for a PNG. The three libraries are loaded on first use, so the other
 * commands do not pay for them.
 */

export type ImageFormat = 'svg' | 'png';

const DEFAULT_WIDTH = 720;
const DEFAULT_SCALE = 2;
const BACKGROUND = 'white';

/**
 * Renders a Vega-Lite spec to an image; `width: "container"` (used in the HTML report) becomes
 * `width` pixels. The specs carry their data inline: a spec that refers to a URL (data, image,
 * link) is rejected, and nothing is fetched or read. Errors of vega-lite and vega (a bad spec)
 * reject with their message.
 */
export async function renderChart(
  spec: TopLevelSpec,
  format: ImageFormat,
  options: { width?: number; scale?: number } = {},
): Promise<Buffer> {
  const width = options.width ?? DEFAULT_WIDTH;
  const scale = options.scale ?? DEFAULT_SCALE;
  if (!(Number.isFinite(width) && width > 0)) throw new Error(`chart width must be a positive number, not ${width}`);
  if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`chart scale must be a positive number, not ${scale}`);
  const svg = await renderSvg(sized(spec, width));
  if (format === 'svg') return Buffer.from(svg, 'utf8');
  return rasterise(svg, scale);
}

/** A copy of the spec with a `'container'` width made `width` pixels; the caller's spec is left alone. */
function sized(spec: TopLevelSpec, width: number): TopLevelSpec {
  const copy = structuredClone(spec);
  if ('width' in copy && copy.width === 'container') copy.width = width;
  return copy;
}

async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [{ compile }, { parse, View }] = await Promise.all([import('vega-lite'), import('vega')]);
  const vgSpec = compile(spec).spec;
  // Vega-Lite writes `background: "white"` unless the spec's config says otherwise; a spec
  // without one still gets a white background, so the image reads in a dark viewer.
  vgSpec.background ??= BACKGROUND;
  const refused: string[] = [];
  const errors: unknown[] = [];
  const view = new View(parse(vgSpec), { renderer: 'none', loader: refusingLoader(refused), logger: errorLogger(errors) });
  try {
    const svg = await view.toSVG();
    // Vega logs a failed load as a warning and draws the chart without the data; here it is an error.
    if (refused.length > 0) throw new Error(`chart refers to ${refused.map((u) => JSON.stringify(u)).join(', ')}: only inline data is rendered, nothing is loaded`);
    const [first] = errors;
    if (first !== undefined) throw first instanceof Error ? first : new Error(errors.map(String).join(' '));
    return svg;
  } finally {
    view.finalize();
  }
}

/**
 * Vega's loader with every door shut: `load` (data), `sanitize` (images and links), `http` and
 * `file` all refuse without touching the network or the disk, and note the URI so the render
 * fails rather than draw an empty chart.
 */
function refusingLoader(refused: string[]): Loader {
  const refuse = (uri: string): Promise<never> => {
    refused.push(uri);
    return Promise.reject(new Error(`loading ${JSON.stringify(uri)} is not allowed: charts use inline data only`));
  };
  return {
    load: refuse,
    http: refuse,
    file: refuse,
    sanitize: (uri, options) => {
      if (options.context !== 'href') return refuse(uri);
      // A link is refused with an empty address rather than a rejection: vega's SVG renderer
      // reads the attributes of what its sanitizer turns a rejection into (null) and would
      // crash the process with an unhandled rejection.
      refused.push(uri);
      return Promise.resolve({ href: '' });
    },
  };
}

/** Vega logs errors in the dataflow instead of throwing them: this logger keeps them; warnings and notes are dropped, as Vega's own default logger does. */
function errorLogger(errors: unknown[]): LoggerInterface {
  const logger: LoggerInterface = {
    level: (level?: number) => (level === undefined ? 0 : logger),
    error: (...args: unknown[]) => {
      errors.push(args.length === 1 ? args[0] : args.map(String).join(' '));
      return logger;
    },
    warn: () => logger,
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

async function rasterise(svg: string, scale: number): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const font = sansSerifFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: BACKGROUND,
    // Vega writes `font-family="sans-serif"`. resvg-js 2.6 maps every generic family to
    // `defaultFontFamily` (`sansSerifFamily` is set as well, for versions that read it) and,
    // when that family is not installed, to whichever font it happens to list first. The found
    // file is also loaded directly, so the family is there even where resvg's own scan of the
    // system folders misses it. With no font at all the text is left out and the marks are
    // still drawn.
    font: font
      ? { loadSystemFonts: true, fontFiles: [font.file], defaultFontFamily: font.family, sansSerifFamily: font.family }
      : { loadSystemFonts: true },
  });
  return resvg.render().asPng();
}

/** Sans-serif families to draw the text with, most preferred first, each with the file of its regular face. */
const FONT_CANDIDATES = [
  { family: 'DejaVu Sans', file: 'dejavusans.ttf' },
  { family: 'Liberation Sans', file: 'liberationsans-regular.ttf' },
  { family: 'Noto Sans', file: 'notosans-regular.ttf' },
  { family: 'Arial', file: 'arial.ttf' },
  { family: 'Helvetica', file: 'helvetica.ttc' },
] as const;

/** The folders resvg's font database reads system fonts from (fontdb's list), where they exist. */
function fontDirs(): string[] {
  if (process.platform === 'win32') return [path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts')];
  const home = homedir();
  if (process.platform === 'darwin') return ['/Library/Fonts', '/System/Library/Fonts', path.join(home, 'Library/Fonts')];
  return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(home, '.fonts'), path.join(home, '.local/share/fonts')];
}

let fontCache: { family: string; file: string } | null | undefined;

/**
 * The first installed family of FONT_CANDIDATES and its regular face's file, looked up by file
 * name in the system font folders once per process; `null` when there is none.
 */
function sansSerifFont(): { family: string; file: string } | null {
  if (fontCache !== undefined) return fontCache;
  const found = new Map<string, string>();
  for (const dir of fontDirs()) {
    let entries: string[];
    try {
      entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
    } catch {
      continue; // a folder that is not there, or not readable
    }
    for (const entry of entries) {
      const name = path.basename(entry).toLowerCase();
      if (!found.has(name)) found.set(name, path.join(dir, entry));
    }
  }
  fontCache = null;
  for (const candidate of FONT_CANDIDATES) {
    const file = found.get(candidate.file);
    if (file !== undefined) {
      fontCache = { family: candidate.family, file };
      break;
    }
  }
  return fontCache;
}
