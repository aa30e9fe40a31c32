import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGenerator,
  ensureCorpus,
  generateCorpus,
  type Generator,
} from '../../scripts/bench/generate.js';
import { Rng, Zipf } from '../../scripts/bench/prng.js';
import { baselineQueries, buildWorkload } from '../../scripts/bench/queries.js';
import { readSources, splitSentences } from '../../scripts/bench/sources.js';
import { wordsOf } from '../../scripts/bench/words.js';
import { loadCorpus } from '../../src/corpus/load.js';

// Correctness of the benchmark generator only: no timings are asserted here (speed lives in `npm run bench`).

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const loaderIsPlaceholder = readFileSync(path.join(ROOT, 'src/corpus/load.ts'), 'utf8').includes(
  'PLACEHOLDER',
);

let tmp: string;
let generator: Generator;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  generator = createGenerator(readSources(ROOT), 'test-seed');
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
}

describe('seeded random numbers', () => {
  it('repeats for the same seed and stream, and differs otherwise', () => {
    const draw = (rng: Rng) => Array.from({ length: 5 }, () => rng.next());
    expect(draw(new Rng('a', 'doc', 1))).toEqual(draw(new Rng('a', 'doc', 1)));
    expect(draw(new Rng('a', 'doc', 1))).not.toEqual(draw(new Rng('a', 'doc', 2)));
    expect(draw(new Rng('a'))).not.toEqual(draw(new Rng('b')));
  });

  it('draws Zipf ranks with the head far more frequent than the tail', () => {
    const zipf = new Zipf(1_000, 1);
    const rng = new Rng('zipf');
    const counts = new Array<number>(1_000).fill(0);
    for (let i = 0; i < 20_000; i++) counts[zipf.sample(rng)]! += 1;
    expect(counts[0]!).toBeGreaterThan(counts[9]! * 4);
    expect(counts.slice(0, 10).reduce((a, b) => a + b)).toBeGreaterThan(
      counts.slice(500).reduce((a, b) => a + b),
    );
  });
});

describe('source essays', () => {
  it('reads prose paragraphs, headings and furniture from the bundled corpus', () => {
    const material = readSources(ROOT);
    expect(material.origin).toBe('corpus');
    expect(material.files.length).toBeGreaterThanOrEqual(5);
    expect(material.sentences.length).toBeGreaterThan(100);
    expect(material.headings.length).toBeGreaterThan(3);
    for (const s of material.sentences) expect(s).not.toMatch(/subscribe to our free newsletter/i);
  });

  it('splits sentences without breaking at abbreviations', () => {
    expect(splitSentences('The U.S. delegation met Mr. Witkoff. It was “90% complete.” Then what?')).toEqual([
      'The U.S. delegation met Mr. Witkoff.',
      'It was “90% complete.”',
      'Then what?',
    ]);
  });
});

describe('corpus generator', () => {
  it('is reproducible: the same seed writes the same bytes', () => {
    const a = generateCorpus(generator, 5, path.join(tmp, 'a'));
    const b = generateCorpus(generator, 5, path.join(tmp, 'b'));
    expect(snapshot(a.dir)).toEqual(snapshot(b.dir));
    expect(a.distinctWords).toBe(b.distinctWords);
    const other = createGenerator(generator.material, 'another-seed');
    expect(other.document(0).text).not.toBe(generator.document(0).text);
  });

  it('writes Markdown documents of about 1,500 words with front matter and sections', () => {
    const corpus = generateCorpus(generator, 5, path.join(tmp, 'shape'));
    const files = snapshot(corpus.dir);
    expect(files.size).toBe(5);
    for (const [name, text] of files) {
      expect(name).toMatch(/^d\d{5}-[a-z0-9-]+\.md$/);
      expect(text).toMatch(/^---\ntitle: "[^"\n]+"\n(?:[a-z]+: .+\n)*---\n/);
      expect(text.match(/^## \S/gm)?.length ?? 0).toBeGreaterThanOrEqual(3);
      const words = wordsOf(text.replace(/^---\n[\s\S]*?\n---\n/, '')).length;
      expect(words).toBeGreaterThan(1_300);
      expect(words).toBeLessThan(1_800);
    }
  });

  it('grows the vocabulary with the corpus (Heaps’ law), and smaller corpora are prefixes of larger ones', () => {
    const sizes = [5, 50, 200];
    const counts = sizes.map((n) => generateCorpus(generator, n, path.join(tmp, `grow-${n}`)).distinctWords);
    expect(counts[1]!).toBeGreaterThan(counts[0]! * 1.5);
    expect(counts[2]!).toBeGreaterThan(counts[1]! * 1.5);
    const small = snapshot(path.join(tmp, 'grow-5'));
    const large = snapshot(path.join(tmp, 'grow-50'));
    for (const [name, text] of small) expect(large.get(name)).toBe(text);
  });

  it('reuses a generated folder with the same version, seed and sources, and rebuilds a stale one', () => {
    const bench = path.join(tmp, 'bench');
    const first = ensureCorpus(generator, 5, bench);
    expect(first.reused).toBe(false);
    expect(ensureCorpus(generator, 5, bench).reused).toBe(true);
    const marker = path.join(bench, 'corpus-5.json');
    writeFileSync(
      marker,
      JSON.stringify({ ...JSON.parse(readFileSync(marker, 'utf8')), generatorVersion: -1 }),
    );
    expect(ensureCorpus(generator, 5, bench).reused).toBe(false);
  });

  it.skipIf(loaderIsPlaceholder)(
    'writes documents the real loader accepts, with every document and section',
    async () => {
      const dir = path.join(tmp, 'loadable');
      generateCorpus(generator, 20, dir);
      const corpus = await loadCorpus(dir);
      expect(corpus.problems).toEqual([]);
      expect(corpus.documents).toHaveLength(20);
      for (const document of corpus.documents) {
        const text = readFileSync(path.join(dir, document.file), 'utf8');
        expect(text).toContain(`title: ${JSON.stringify(document.title)}`);
        expect(document.sections.length).toBeGreaterThanOrEqual(3);
        expect(document.sentences.length).toBeGreaterThan(30);
      }
    },
  );
});

describe('query workload', () => {
  it('is fixed for a seed and has the required mix and sizes', () => {
    const a = buildWorkload(generator.material, generator.lexicon, 'test-seed');
    const b = buildWorkload(generator.material, generator.lexicon, 'test-seed');
    expect(a).toEqual(b);
    expect(a.quote.length).toBeGreaterThanOrEqual(200);
    expect(a.positions.length).toBeGreaterThanOrEqual(50);
    expect(a.contrast.length).toBeGreaterThanOrEqual(50);
    const kinds = new Set(a.quote.map((q) => q.kind));
    expect([...kinds].sort()).toEqual(['named', 'one-word', 'phrase', 'two-word', 'typo', 'unknown']);
    const measured = new Set(a.quote.map((q) => q.text));
    for (const q of a.warmup.quote) expect(measured.has(q.text)).toBe(false);
    expect(new Set(baselineQueries(a.quote, 3).map((q) => q.kind)).size).toBe(3);
  });

  it('uses unknown words that no generated corpus can contain', () => {
    const { quote } = buildWorkload(generator.material, generator.lexicon, 'test-seed');
    const known = new Set(generator.lexicon);
    for (const sentence of generator.material.sentences) for (const w of wordsOf(sentence)) known.add(w);
    for (const q of quote.filter((x) => x.kind === 'unknown')) {
      for (const word of q.text.split(' ')) expect(known.has(word)).toBe(false);
    }
  });
});
