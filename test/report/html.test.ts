import { describe, expect, it } from 'vitest';
import { escapeHtml, externalLink, html, jsonForScript, renderPage, table } from '../../src/report/html.js';

const XSS = '<img src=x onerror=alert(1)>';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &#39; f');
    expect(escapeHtml(XSS)).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes an ampersand once, so existing entities are shown literally', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('html template', () => {
  it('escapes interpolated strings and numbers but inserts SafeHtml as is', () => {
    const inner = html`<b>${XSS}</b>`;
    expect(html`<p title="${'"quoted"'}">${inner} ${42}</p>`.value).toBe('<p title="&quot;quoted&quot;"><b>&lt;img src=x onerror=alert(1)&gt;</b> 42</p>');
  });

  it('joins arrays and renders null and undefined as nothing', () => {
    expect(html`<ul>${['<a>', html`<li>b</li>`]}</ul>${null}${undefined}`.value).toBe('<ul>&lt;a&gt;<li>b</li></ul>');
  });
});

describe('jsonForScript', () => {
  const nasty = { name: `</script><script>alert(1)</script><!-- ${XSS} & \u2028\u2029` };

  it('leaves no character that could end the script element or start a comment', () => {
    const text = jsonForScript(nasty).value;
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(text).toContain('\\u2028\\u2029');
  });

  it('parses back to exactly the original value', () => {
    expect(JSON.parse(jsonForScript(nasty).value)).toEqual(nasty);
  });
});

describe('externalLink', () => {
  it('links http(s) URLs with the URL escaped', () => {
    expect(externalLink('https://example.org/a?b=1&c="2"').value).toBe(
      '<a href="https://example.org/a?b=1&amp;c=&quot;2&quot;" rel="noopener noreferrer">https://example.org/a?b=1&amp;c=&quot;2&quot;</a>',
    );
  });

  it('shows anything else as text, never as a link', () => {
    expect(externalLink('javascript:alert(1)').value).toBe('javascript:alert(1)');
    expect(externalLink('/srv/git/<repo>').value).toBe('/srv/git/&lt;repo&gt;');
  });
});

describe('table', () => {
  it('renders escaped cells, header scopes and numeric alignment', () => {
    const out = table([{ label: 'Name', cell: (r: { n: string; v: number }) => r.n }, { label: 'Value', numeric: true, cell: (r) => r.v }], [{ n: XSS, v: 3 }], 'Cap <1>').value;
    expect(out).toContain('<caption>Cap &lt;1&gt;</caption>');
    expect(out).toContain('<th scope="col">Name</th><th scope="col" class="num">Value</th>');
    expect(out).toContain('<tr><td>&lt;img src=x onerror=alert(1)&gt;</td><td class="num">3</td></tr>');
    expect(out).not.toContain('<img');
  });
});

describe('renderPage', () => {
  const page = (charts: boolean) =>
    renderPage({ title: `${XSS} · site`, siteTitle: 'Site & co', root: '../', charts, name: XSS, nav: html`<nav>n</nav>`, main: html`<h1>hi</h1>`, footer: html`<p>f</p>` });

  it('is a complete phone-ready document with the title escaped and relative asset links', () => {
    const out = page(true);
    expect(out.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(out).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(out).toContain('<title>&lt;img src=x onerror=alert(1)&gt; · site</title>');
    expect(out).toContain('<body data-name="&lt;img src=x onerror=alert(1)&gt;">');
    expect(out).toContain('<a class="home" href="../index.html">Site &amp; co</a><nav>n</nav>');
    expect(out).toContain('<link rel="stylesheet" href="../assets/report.css">');
    expect(out.match(/<script src="\.\.\/assets\/[a-z.-]+\.js" defer><\/script>/g)).toEqual([
      '<script src="../assets/vega.min.js" defer></script>',
      '<script src="../assets/vega-lite.min.js" defer></script>',
      '<script src="../assets/vega-embed.min.js" defer></script>',
      '<script src="../assets/report.js" defer></script>',
    ]);
    expect(out).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('loads only the page script on a page without charts', () => {
    expect(page(false).match(/<script[^>]*>/g)).toEqual(['<script src="../assets/report.js" defer>']);
  });
});
