import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

interface QuoteJson {
  query: string;
  results: Array<{
    docId: string;
    title: string;
    author: string | null;
    section: string | null;
    paragraph: number;
    text: string;
    score: number;
    kind: 'author' | 'comment';
  }>;
  suggestions: string[];
}

describe('parley console CLI on the bundled corpus', () => {
  it('quote --json prints one JSON document whose texts are verbatim slices of the source files', async () => {
    const run = await runCli(['quote', 'security', 'guarantees', '--json', '--limit', '4']);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as QuoteJson;
    expect(parsed.query).toBe('security guarantees');
    expect(parsed.results).toHaveLength(4);
    const files = await readdir('corpus');
    for (const result of parsed.results) {
      const file = files.find((f) => f.replace(/\.(md|txt)$/, '').toLowerCase() === result.docId);
      expect(file, result.docId).toBeDefined();
      const source = (await readFile(join('corpus', file!), 'utf8')).replace(/\r\n/g, '\n');
      expect(source).toContain(result.text);
      expect(result.paragraph).toBeGreaterThanOrEqual(1);
      expect(result.kind).toBe('author');
      expect(result.author).toBeNull();
      expect(result.text).toMatch(/guarantee/i);
    }
    expect(new Set(parsed.results.map((r) => r.docId)).size).toBeGreaterThan(1);
  });

  it('prints readable text with citations, and "Unsigned" for unsigned essays', async () => {
    const run = await runCli(['quote', 'teritory', '--limit', '2']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Quotes on “teritory”/);
    expect(run.stdout).toMatch(/Unsigned · .*¶\d+/);
  });

  it('says so and suggests when nothing matches', async () => {
    const run = await runCli(['quote', 'xylophone', 'zeppelin', '--json']);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as QuoteJson;
    expect(parsed.results).toEqual([]);
    expect(parsed.suggestions.length).toBeGreaterThan(0);
  });

  it('rejects bad options with a clear message and exit code 2', async () => {
    const empty = await runCli(['quote', '   ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/Give a topic/);
    const huge = await runCli(['quote', 'x'.repeat(500)]);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/too long/);
    const limit = await runCli(['quote', 'peace', '--limit', '99']);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toMatch(/at most 25/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command/);
    const doc = await runCli(['quote', 'peace', '--doc', 'no such essay at all qqq']);
    expect(doc.code).toBe(2);
    expect(doc.stderr).toMatch(/No document matches/);
  });

  it('docs --json lists every document with counts', async () => {
    const run = await runCli(['docs', '--json']);
    const parsed = JSON.parse(run.stdout) as {
      documents: Array<{ docId: string; paragraphs: number; sentences: number }>;
    };
    expect(parsed.documents).toHaveLength(
      (await readdir('corpus')).filter((f) => /\.(md|txt)$/.test(f)).length,
    );
    for (const d of parsed.documents) expect(d.sentences).toBeGreaterThan(d.paragraphs / 2);
  });

  it('the console answers /quote lines like the bot, and survives hostile lines', async () => {
    const run = await runCli(
      [],
      '/quote cease fire --limit 2\n/quote @everyone **bold**\n\n/nonsense\n/docs\n/exit\n/quote never reached\n',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Quotes on “cease fire”/);
    expect(run.stdout).toMatch(/ceasefire/i);
    expect(run.stdout).toMatch(/Unknown command/);
    expect(run.stdout).toMatch(/Reading list/);
    expect(run.stdout).not.toMatch(/never reached/);
  });

  it('check exits 1 and names the file, field and fix for a broken corpus', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-cli-'));
    await writeFile(join(dir, 'good.md'), '---\ntitle: Good\n---\n\nA fine paragraph about peace talks.\n');
    await writeFile(join(dir, 'bad.md'), '---\nauthor: Someone\n---\n\nNo title here.\n');
    const run = await runCli(['check', '--corpus', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/bad\.md/);
    expect(run.stdout).toMatch(/title/);
    const ok = await runCli(['check']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/5 documents, \d+ sentences, no problems/);
  });
});
