import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Corpus } from '../../src/corpus/corpus.js';
import { loadCorpus, type LoadOptions } from '../../src/corpus/load.js';
import { LiveIndex, type ReloadReport } from '../../src/discord/live-index.js';
import { createLogger } from '../../src/discord/logger.js';
import { makeCorpus, type DocSpec } from './fixtures.js';

/**
 * A stand-in for loadCorpus: each `.md` file is a document (first line the title, then one sentence per
 * line); a file containing BROKEN fails validation and is reported as a problem, not loaded.
 */
async function load(dir: string): Promise<Corpus> {
  const specs: DocSpec[] = [];
  const problems: Corpus['problems'] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    if (text.includes('BROKEN')) {
      problems.push({ file, field: 'title', message: 'title is missing', fix: 'add a title: line' });
      continue;
    }
    const [title = file, ...sentences] = text.trim().split('\n');
    specs.push({ docId: file.replace(/\.md$/u, ''), title, paragraphs: [{ sentences }] });
  }
  const corpus = makeCorpus(specs, dir);
  return new Corpus(corpus.dir, corpus.documents, problems);
}

let dir: string;
let lines: Record<string, unknown>[];
let live: LiveIndex | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'parley-live-'));
  lines = [];
  writeFileSync(path.join(dir, 'a.md'), 'Alpha\nThe first sentence of alpha.\nThe second.');
  writeFileSync(path.join(dir, 'b.md'), 'Beta\nBeta speaks of territory.');
});

afterEach(() => {
  live?.close();
  live = null;
  rmSync(dir, { recursive: true, force: true });
});

async function open(
  loader: (dir: string, options: LoadOptions) => Promise<Corpus> = load,
): Promise<LiveIndex> {
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
  live = await LiveIndex.open({ dir, logger, debounceMs: 20, load: loader });
  return live;
}

/** Resolves with the first reload whose index satisfies `ready` (no fixed sleeps). */
function reloadWhere(index: LiveIndex, ready: (report: ReloadReport) => boolean): Promise<ReloadReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching reload within 10 s')), 10_000);
    const listener = (report: ReloadReport): void => {
      if (!ready(report)) return;
      clearTimeout(timer);
      index.off('reloaded', listener);
      resolve(report);
    };
    index.on('reloaded', listener);
  });
}

const titles = (index: LiveIndex): string[] => index.current.corpus.documents.map((d) => d.title);

describe('LiveIndex', () => {
  it('loads the corpus on open and logs what it serves', async () => {
    const index = await open();
    expect(titles(index)).toEqual(['Alpha', 'Beta']);
    expect(lines.find((l) => l.msg === 'corpus loaded')).toMatchObject({
      documents: 2,
      passages: 3,
      problems: 0,
    });
  });

  it('picks up an edited file without a restart', async () => {
    const index = (await open()).watch();
    const reloaded = reloadWhere(index, (r) =>
      r.index.corpus.documents.some((d) => d.title === 'Alpha, revised'),
    );
    writeFileSync(path.join(dir, 'a.md'), 'Alpha, revised\nA new sentence.');
    await reloaded;
    expect(titles(index)).toEqual(['Alpha, revised', 'Beta']);
  });

  it('hands the loader the corpus it serves, and reads again only the files that changed', async () => {
    // The real loader, with files treated as settled at once (they were written a moment ago).
    const previousSeen: Array<Corpus | undefined> = [];
    const real = (folder: string, options: LoadOptions): Promise<Corpus> => {
      previousSeen.push(options.previous);
      return loadCorpus(folder, { ...options, settledMs: 0 });
    };
    writeFileSync(path.join(dir, 'a.md'), '---\ntitle: Alpha\n---\n\nThe first sentence of alpha.\n');
    writeFileSync(path.join(dir, 'b.md'), '---\ntitle: Beta\n---\n\nBeta speaks of territory.\n');
    const index = (await open(real)).watch();
    const served = index.current.corpus;
    const reloaded = reloadWhere(index, (r) => r.index.corpus.documents.some((d) => d.title === 'Alpha 2'));
    writeFileSync(path.join(dir, 'a.md'), '---\ntitle: Alpha 2\n---\n\nA new first sentence.\n');
    await reloaded;
    expect(previousSeen.at(-1)).toBe(served);
    expect(index.current.corpus.documents[1]).toBe(served.documents[1]);
    expect(lines.filter((l) => l.msg === 'corpus loaded').at(-1)).toMatchObject({
      documents: 2,
      unchanged: 1,
    });
  });

  it('keeps serving the last good version of a file that breaks, and reports it', async () => {
    const index = (await open()).watch();
    const broken = reloadWhere(index, (r) => r.problems.length > 0);
    writeFileSync(path.join(dir, 'b.md'), 'BROKEN front matter');
    const report = await broken;
    expect(report.kept).toEqual(['b.md']);
    expect(titles(index)).toEqual(['Alpha', 'Beta']);
    expect(lines.find((l) => l.msg === 'corpus problem: title is missing')).toMatchObject({
      level: 40,
      file: 'b.md',
      field: 'title',
      fix: 'add a title: line',
      servingLastGood: true,
    });
    // Sentence ids are renumbered so Corpus.sentence(id) still holds.
    const { corpus } = index.current;
    const all = [...corpus.eachSentence()];
    all.forEach((s, i) => expect(s.id).toBe(i));
    expect(all.length).toBe(corpus.sentenceCount);
    for (const s of all) expect(corpus.sentence(s.id)).toEqual(s);
  });

  it('picks up a new file while another is broken, then the fixed one', async () => {
    const index = (await open()).watch();
    const broken = reloadWhere(index, (r) => r.problems.length > 0);
    writeFileSync(path.join(dir, 'b.md'), 'BROKEN');
    await broken;

    const added = reloadWhere(index, (r) => r.index.corpus.documents.some((d) => d.title === 'Gamma'));
    writeFileSync(path.join(dir, 'c.md'), 'Gamma\nGamma on cease fire.');
    await added;
    expect(titles(index)).toEqual(['Alpha', 'Beta', 'Gamma']);

    const fixed = reloadWhere(index, (r) => r.problems.length === 0);
    writeFileSync(path.join(dir, 'b.md'), 'Beta, fixed\nNow valid.');
    await fixed;
    expect(titles(index)).toEqual(['Alpha', 'Beta, fixed', 'Gamma']);
  });

  it('drops a deleted file', async () => {
    const index = (await open()).watch();
    const removed = reloadWhere(index, (r) => r.index.corpus.documents.length === 1);
    unlinkSync(path.join(dir, 'a.md'));
    await removed;
    expect(titles(index)).toEqual(['Beta']);
  });

  it('reports a file broken from the start and serves the rest', async () => {
    writeFileSync(path.join(dir, 'z.md'), 'BROKEN');
    const index = await open();
    expect(titles(index)).toEqual(['Alpha', 'Beta']);
    expect(lines.find((l) => l.msg === 'corpus problem: title is missing')).toMatchObject({
      file: 'z.md',
      servingLastGood: false,
    });
  });

  it('keeps the previous index when loading fails altogether', async () => {
    let fail = false;
    const index = await open(async (d) => {
      if (fail) throw new Error('disk on fire');
      return load(d);
    });
    const before = index.current;
    fail = true;
    const failed = new Promise((resolve) => index.once('failed', resolve));
    await index.reload();
    await failed;
    expect(index.current).toBe(before);
    expect(
      lines.find((l) => l.msg === 'corpus reload failed; still serving the previous index'),
    ).toMatchObject({
      level: 50,
      err: { message: 'disk on fire' },
    });
  });

  it('never runs two reloads at once, and runs one more after a change during a reload', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const index = await open(async (d) => {
      calls++;
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return load(d);
    });
    calls = 0;
    await Promise.all([index.reload(), index.reload(), index.reload()]);
    expect(most).toBe(1);
    expect(calls).toBe(2);
  });

  it('ignores files that are not corpus files', async () => {
    const index = (await open()).watch();
    const reloads: ReloadReport[] = [];
    index.on('reloaded', (r) => reloads.push(r));
    writeFileSync(path.join(dir, '.a.md.swp'), 'editor swap file');
    // A real change afterwards proves the watcher is live; the swap file alone triggered nothing.
    const real = reloadWhere(index, (r) => r.index.corpus.documents.length === 3);
    writeFileSync(path.join(dir, 'd.md'), 'Delta\nOne.');
    await real;
    // Every reload saw d.md: none was caused by the swap file alone.
    expect(reloads.length).toBeGreaterThan(0);
    expect(reloads.every((r) => r.index.corpus.documents.length === 3)).toBe(true);
  });
});
