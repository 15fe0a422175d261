import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../../../src/lint/formatters/markdown.js';
import type { Report } from '../../../src/lint/types.js';
import { canonicalReport } from '../../helpers/facts/canonical-report.js';

/** The canonical report with one finding carrying `message` (and `fix`). */
function reportWith(message: string, fix = 'Fix it.'): Report {
  const report = canonicalReport();
  const [first] = report.findings;
  return { ...report, findings: [{ ...(first as Report['findings'][number]), message, fix }] };
}

/** The finding's text as the details block shows it, and as its table row shows it. */
function rendered(message: string): { prose: string; cell: string } {
  const lines = formatMarkdown(reportWith(message)).split('\n');
  const summary = lines.findIndex((l) => l.startsWith('<details>'));
  const row = lines.find((l) => l.startsWith('| ❌ error |')) as string;
  return { prose: lines[summary + 2] as string, cell: row.split(') | ').slice(1).join(') | ').replace(/ \|$/, '') };
}

/** Code spans as CommonMark reads them: a backtick run closes at the next run of the same length. */
function codeSpans(markdown: string): string[] {
  return Array.from(markdown.matchAll(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g), (m) => m[2] as string);
}

describe('markdown: code spans keep their characters, prose stays escaped', () => {
  it('shows `<`, `>` and `&` literally inside code spans, never as entities', () => {
    const { prose, cell } = rendered('client `a<b>&amp;c` refused');
    expect(prose).toBe('client `a<b>&amp;c` refused');
    expect(cell).toBe('client `a<b>&amp;c` refused');
  });

  it('turns `<`, `>` and `&` outside code spans into entities, so a server cannot inject HTML', () => {
    expect(rendered('said <script>alert(1)</script> & left `x`').prose).toBe('said &lt;script&gt;alert(1)&lt;/script&gt; &amp; left `x`');
  });

  it('keeps a stray backtick and a backslash in prose from opening a span or escaping an entity', () => {
    expect(rendered('a \\<b> and `code`, then one ` stray').prose).toBe('a &#92;&lt;b&gt; and `code`, then one &#96; stray');
  });

  it.each([
    ['a backtick inside', 'value ``a`b`` seen', 'value ``a`b`` seen'],
    ['a double backtick inside', 'value ```a``b``` seen', 'value ```a``b``` seen'],
    ['a backtick at the start', 'value `` `a `` seen', 'value ``  `a  `` seen'],
  ])('chooses a longer fence for %s', (_, message, expected) => {
    expect(rendered(message).prose).toBe(expected);
  });

  it('escapes pipes in table cells only, code spans included (GFM unescapes them there)', () => {
    const { prose, cell } = rendered('scopes `a|b` and c|d');
    expect(prose).toBe('scopes `a|b` and c|d');
    expect(cell).toBe('scopes `a\\|b` and c\\|d');
  });

  it('keeps every finding on one line', () => {
    expect(rendered('first\nsecond `x\r\ny`').prose).toBe('first second `x y`');
  });

  it('has no entity inside any code span of a real report', () => {
    const markdown = formatMarkdown(canonicalReport());
    expect(markdown).toContain('`client-1 "quoted" 100%:: <b>&amp;`');
    for (const span of codeSpans(markdown)) expect(span).not.toMatch(/&(lt|gt|#\d+);/);
  });

  it('shows a target URL with a query string as typed', () => {
    const report = canonicalReport();
    const markdown = formatMarkdown({ ...report, target: { ...report.target, mode: 'server', url: 'https://mcp.example.com/mcp?a=1&b=<2>' } });
    expect(markdown).toContain('MCP server `https://mcp.example.com/mcp?a=1&b=<2>` ·');
  });
});
