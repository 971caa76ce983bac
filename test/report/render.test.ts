import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TopLevelSpec } from 'vega-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderChart } from '../../src/report/render.js';
import { decodePng, pngSize } from '../helpers/vega.js';

const TITLE = 'Commits per month';
const HEIGHT = 240;

/** A line chart of two projects sized like the HTML report's: `width: 'container'`. */
function lineChart(): TopLevelSpec {
  const values = ['alpha', 'beta'].flatMap((project, p) =>
    Array.from({ length: 12 }, (_, m) => ({
      project,
      period: `2024-${String(m + 1).padStart(2, '0')}-01`,
      value: (p + 1) * 5 * (m + 1),
    })),
  );
  return {
    title: TITLE,
    width: 'container',
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 24 } },
    encoding: {
      x: { field: 'period', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month' },
      y: { field: 'value', type: 'quantitative', title: 'Commits' },
      color: { field: 'project', type: 'nominal', title: 'Project' },
    },
  };
}

async function svgOf(spec: TopLevelSpec, options?: { width?: number }): Promise<string> {
  return (await renderChart(spec, 'svg', options)).toString('utf8');
}

/** The root `<svg>` element's `width` and `height` attributes. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /^<svg [^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/ width="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/ height="([\d.]+)"/.exec(root)?.[1]);
  return { width, height };
}

/** The frame of the plot: vega draws it as `M0.5,0.5h<width>v<height>h-<width>Z`. */
function framePath(width: number, height: number): string {
  return `h${width}v${height}h-${width}Z`;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderChart', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('draws an SVG of the chart: the lines, the title and the container width made numeric', async () => {
    const svg = await svgOf(lineChart());
    expect(svg.startsWith('<svg')).toBe(true);
    // One line per project.
    expect(svg.match(/<path [^>]*aria-roledescription="line mark"/g)).toHaveLength(2);
    expect(svg).toContain(`>${TITLE}</text>`);
    // The plot is the default 720 pixels wide; the image adds the axes, legend and padding around it.
    expect(svg).toContain(framePath(720, HEIGHT));
    expect(svgSize(svg).width).toBeGreaterThan(720);
    // A white background, for dark viewers.
    expect(svg).toMatch(/^<svg [^>]*><rect width="[\d.]+" height="[\d.]+" fill="white"\/>/);

    const narrow = await svgOf(lineChart(), { width: 400 });
    expect(narrow).toContain(framePath(400, HEIGHT));
    expect(svgSize(narrow).width).toBe(svgSize(svg).width - 320);
  });

  it('keeps the autosize of the spec', async () => {
    const svg = await svgOf({ ...lineChart(), autosize: { type: 'fit', contains: 'padding' } }, { width: 500 });
    expect(svgSize(svg).width).toBe(500);
  });

  it('draws a PNG of the SVG at twice its size, with its text', async () => {
    const spec = lineChart();
    const svg = await svgOf(spec);
    const size = svgSize(svg);
    const png = await renderChart(spec, 'png');
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: size.width * 2, height: size.height * 2 });

    const image = decodePng(png);
    expect(image.width).toBe(size.width * 2);
    const pixel = (x: number, y: number) => [...image.pixels.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
    // An opaque white background …
    expect(pixel(0, 0)).toEqual([255, 255, 255, 255]);
    // … under the lines in their two colours …
    const colours = new Set<string>();
    for (let i = 0; i < image.pixels.length; i += 4) colours.add(image.pixels.subarray(i, i + 3).toString('hex'));
    expect(colours.size).toBeGreaterThan(2);
    expect(colours).toContain('4c78a8');
    expect(colours).toContain('f58518');
    // … and the title: black text in the band above the plot (vega draws nothing else there, and text only in black).
    const plotTop = Number(/^<svg [^>]*>(?:<rect [^>]*\/>)?<g [^>]*transform="translate\([\d.]+,([\d.]+)\)"/.exec(svg)?.[1]);
    expect(plotTop).toBeGreaterThan(0);
    let dark = 0;
    for (let y = 0; y < plotTop * 2; y += 1) {
      for (let x = 0; x < image.width; x += 1) {
        const [r = 255, g = 255, b = 255] = pixel(x, y);
        if (r < 60 && g < 60 && b < 60) dark += 1;
      }
    }
    expect(dark).toBeGreaterThan(100);
  });

  it('scales the PNG by the given factor', async () => {
    const spec = lineChart();
    const size = svgSize(await svgOf(spec, { width: 300 }));
    const png = await renderChart(spec, 'png', { width: 300, scale: 1 });
    expect(pngSize(png)).toEqual(size);
  });

  it('does not change the spec it is given', async () => {
    const spec = lineChart();
    const before = structuredClone(spec);
    await renderChart(spec, 'svg');
    await renderChart(spec, 'png', { width: 500 });
    expect(spec).toEqual(before);
    expect(spec).toHaveProperty('width', 'container');
  });

  it('rejects a spec that loads its data from a URL, without a request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const spec: TopLevelSpec = {
      data: { url: 'http://127.0.0.1:9/x.json' },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative' } },
    };
    await expect(renderChart(spec, 'svg')).rejects.toThrow(/127\.0\.0\.1:9\/x\.json/);
    await expect(renderChart(spec, 'png')).rejects.toThrow(/only inline data/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('fetches nothing from a server a spec names, nor reads a file', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end('[{"a": 1}]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const url of [`http://127.0.0.1:${port}/data.json`, 'package.json', 'file:///etc/hostname']) {
        const spec: TopLevelSpec = { data: { url }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } };
        await expect(renderChart(spec, 'svg')).rejects.toThrow(url);
      }
      // Images and links are URLs too.
      const image: TopLevelSpec = {
        data: { values: [{ a: 1, u: `http://127.0.0.1:${port}/i.png` }] },
        mark: 'image',
        encoding: { x: { field: 'a', type: 'quantitative' }, url: { field: 'u', type: 'nominal' } },
      };
      await expect(renderChart(image, 'png')).rejects.toThrow('/i.png');
      const link: TopLevelSpec = {
        data: { values: [{ a: 1, u: `http://127.0.0.1:${port}/link` }] },
        mark: 'point',
        encoding: { x: { field: 'a', type: 'quantitative' }, href: { field: 'u', type: 'nominal' } },
      };
      await expect(renderChart(link, 'svg')).rejects.toThrow('/link');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(requests).toBe(0);
  });

  it('rejects a bad spec with the error of vega-lite or vega', async () => {
    const values = [{ a: 1 }];
    const badExpression: TopLevelSpec = { data: { values }, mark: 'point', transform: [{ calculate: 'foo(', as: 'b' }] };
    await expect(renderChart(badExpression, 'svg')).rejects.toThrow(Error);
    await expect(renderChart(badExpression, 'svg')).rejects.toThrow(/unexpected end of input/i);
    // An error while vega evaluates the chart, which vega itself only logs.
    const failing: TopLevelSpec = {
      data: { values },
      mark: 'point',
      transform: [{ calculate: 'datum.a.b.c', as: 'b' }],
      encoding: { x: { field: 'b', type: 'quantitative' } },
    };
    await expect(renderChart(failing, 'png')).rejects.toThrow(/reading 'c'/);
  });
});
