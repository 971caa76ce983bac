/**
 * The caption line of every chart, so that an image pasted into a blog post or slides says what
 * it shows: whose figures (on a project page), over which window or per which period, up to
 * which date, and from which report. Pure: the page script and `cdstats report --format` build
 * it with the same function, into the Vega-Lite spec itself (a last subtitle line, and
 * `usermeta.caption`), so the chart on the page, its SVG, PNG and spec downloads and the
 * command line's image all carry it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { PERIOD_LABEL, type ChartModel, type Period } from './model.js';

/** What a chart's caption is made of, besides the chart itself. */
export interface CaptionContext {
  /** The report's title (cdstats.yaml's `title`): the source. */
  source: string;
  /** The as-of date as the pages show it (`2024-06-30`, or `2024-06-30 14:05 UTC`). */
  asOf: string;
  /** Whose figures these are when the chart does not say it: the project of a project page; null on an overview. */
  subject: string | null;
}

/**
 * `Alpha · 365 days to 2024-06-30 · Source: CD Foundation, cdstats`, or for a time series
 * `Per month · Source: CD Foundation, cdstats · data to 2024-06-30`.
 */
export function chartCaption(chart: ChartModel, period: Period, context: CaptionContext): string {
  const source = context.source.trim() === '' || context.source === 'cdstats' ? 'Source: cdstats' : `Source: ${context.source}, cdstats`;
  const parts = context.subject === null ? [] : [context.subject];
  if (chart.window !== undefined) parts.push(`${chart.window.toLocaleString('en-US')} day${chart.window === 1 ? '' : 's'} to ${context.asOf}`, source);
  else if (chart.type === 'line') parts.push(`Per ${PERIOD_LABEL[period].toLowerCase()}`, source, `data to ${context.asOf}`);
  else parts.push(source, `data to ${context.asOf}`);
  return parts.join(' · ');
}

/** About the width of a character of a subtitle (12 px sans-serif: 6 to 7 pixels), to break lines before they are wider than their chart. */
const CHAR_WIDTH = 6.6;

/** The characters a line may have in `width` pixels. */
function lineLength(width: number): number {
  return Math.max(24, Math.floor(width / CHAR_WIDTH));
}

/** `parts` joined by `separator` into lines of at most `most` characters; a part longer than that is a line of its own. */
function fill(parts: readonly string[], separator: string, most: number): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + separator.length + part.length <= most) lines[lines.length - 1] = `${last}${separator}${part}`;
    else lines.push(part);
  }
  return lines;
}

/**
 * A subtitle line (a caption, a note) as lines no wider than `width` pixels: broken between its
 * parts (` · `), and a part too long for a line between its words.
 */
export function fitLines(text: string, width: number): string[] {
  const most = lineLength(width);
  return fill(text.split(' · '), ' · ', most).flatMap((line) => (line.length <= most ? [line] : fill(line.split(' '), ' ', most)));
}

/**
 * The spec with its subtitle lines (the chart's notes) broken to fit `width` pixels (Vega does
 * not wrap text: a longer line would widen the chart past a phone's screen), and its caption
 * after them, also in `usermeta.caption` for programs reading the spec. The caller's spec is left alone.
 */
export function withCaption(spec: TopLevelSpec, caption: string | null, width: number): TopLevelSpec {
  const title = (spec as { title?: unknown }).title;
  const text = typeof title === 'string' ? title : ((title as { text?: string } | undefined)?.text ?? '');
  const given = typeof title === 'object' && title !== null ? (title as { subtitle?: string | string[] }).subtitle : undefined;
  const notes = given === undefined ? [] : Array.isArray(given) ? given : [given];
  const subtitle = [...notes, ...(caption === null ? [] : [caption])].flatMap((line) => fitLines(line, width));
  if (subtitle.length === 0) return spec;
  const usermeta = caption === null ? {} : { usermeta: { ...((spec as { usermeta?: object }).usermeta ?? {}), caption } };
  return { ...spec, title: { ...(typeof title === 'object' && title !== null ? title : {}), text, subtitle }, ...usermeta } as TopLevelSpec;
}
