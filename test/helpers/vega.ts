import { Resvg } from '@resvg/resvg-js';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Field } from '../../src/report/model.js';

/** The golden specs' constants, written out here (not imported from the report) so that a change to the report's look fails them. */
export const XSS = '<img src=x onerror=alert(1)>';
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const CONFIG = {
  background: 'white',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  title: { fontSize: 14, anchor: 'start', offset: 8, subtitleColor: '#59636e' },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  axisX: { labelSeparation: 8 },
  legend: { labelFontSize: 12, titleFontSize: 12 },
  range: { category: ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6', '#bab0ac'] },
};
export const field = (name: string, label: string, format: Field['format']): Field => ({ field: name, label, format });

/** Compiles with Vega-Lite and returns its warnings: a spec that compiles with warnings draws something else than meant. */
export function warnings(spec: TopLevelSpec): string[] {
  const out: string[] = [];
  const logger = {
    level: () => logger,
    info: () => logger,
    debug: () => logger,
    warn: (...args: unknown[]) => (out.push(args.join(' ')), logger),
    error: (...args: unknown[]) => (out.push(args.join(' ')), logger),
  };
  compile(spec, { logger });
  return out;
}

/** Every key anywhere in a spec: a spec built from data must not grow keys that evaluate or load. */
export function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]);
}

/**
 * Where a vega SVG draws a line of text (`text` as the SVG's content, entities and all, a whole
 * `<text>` or one `<tspan>` line of it): its baseline's start, the sum of the translations of its
 * groups and its own (vega writes no other transform) and the `dy` of the lines before it, and
 * its font size. Null when the SVG has no such line.
 */
export function textPosition(svg: string, text: string): { x: number; y: number; size: number } | null {
  const stack: [number, number][] = [[0, 0]];
  const number = (attributes: string, pattern: RegExp) => Number(pattern.exec(attributes)?.[1] ?? 0);
  let line = { x: 0, y: 0, size: 12 };
  for (const tag of svg.matchAll(/<(\/?)(g|text|tspan)\b([^>]*?)(\/?)>([^<]*)/g)) {
    const [, closing, name, attributes = '', selfClosing, content] = tag;
    const [x0, y0] = stack.at(-1) ?? [0, 0];
    const [dx, dy] = [number(attributes, /translate\(([-\d.e]+),/), number(attributes, /translate\([-\d.e]+,([-\d.e]+)\)/)];
    if (closing === '/') {
      if (name === 'g') stack.pop();
    } else if (name === 'g') {
      if (selfClosing !== '/') stack.push([x0 + dx, y0 + dy]);
    } else {
      line = name === 'text' ? { x: x0 + dx, y: y0 + dy, size: number(attributes, /font-size="([\d.]+)px"/) || 12 } : { ...line, y: line.y + number(attributes, /dy="([-\d.]+)"/) };
      if (content === text) return line;
    }
  }
  return null;
}

/** Width and height from a PNG's IHDR chunk, the first one after the signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The PNG's RGBA pixels, decoded by resvg itself: the PNG drawn as the only image of an SVG its size. */
export function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  const { width, height } = pngSize(png);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">`
    + `<image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  const image = new Resvg(svg).render();
  return { width: image.width, height: image.height, pixels: image.pixels };
}

/**
 * How many pixels of a PNG drawn at `scale` from `svg` are ink (darker than the background by
 * far) in the box of a line of text of that SVG: its font size high above its baseline, `length`
 * pixels long. Text drawn there in the image has some; nothing drawn, none.
 */
export function inkUnder(png: Buffer, svg: string, text: string, length: number, scale: number): number {
  const at = textPosition(svg, text);
  if (at === null) throw new Error(`the SVG has no line ${JSON.stringify(text)}`);
  const image = decodePng(png);
  let ink = 0;
  for (let y = Math.floor((at.y - at.size) * scale); y < Math.ceil((at.y + 2) * scale); y++) {
    for (let x = Math.floor(at.x * scale); x < Math.min(image.width, Math.ceil((at.x + length) * scale)); x++) {
      const i = (y * image.width + x) * 4;
      const [r = 255, g = 255, b = 255] = image.pixels.subarray(i, i + 3);
      if (r < 160 && g < 160 && b < 160) ink += 1;
    }
  }
  return ink;
}
