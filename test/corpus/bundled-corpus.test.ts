/** The five converted essays in corpus/: structure, attribution, verbatim text and furniture. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus, CorpusDocument } from '../../src/corpus/types.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CORPUS = path.join(ROOT, 'corpus');
const SEEDS = path.join(import.meta.dirname, 'fixtures', 'seeds');

/** Seed file → corpus file, with the seed lines (1-based) that are headings, quotations and comments. */
const CONVERSIONS = [
  {
    seed: '000_8493d41631b13c06.txt',
    docId: '000-only-weapons-stop-this-war',
    headings: [3, 7, 11, 14, 16],
    quotations: [],
    comments: [],
    furniture: [],
  },
  {
    seed: '001_b1d10da76dcd93db.txt',
    docId: '001-everything-depends-on-security-guarantees',
    headings: [],
    quotations: [],
    comments: [],
    furniture: [6],
  },
  {
    seed: '002_f149d07a8263552c.txt',
    docId: '002-putin-does-not-want-a-deal',
    headings: [],
    quotations: [],
    comments: [],
    furniture: [1, 2],
  },
  {
    seed: '003_bb9fcf24e9f7ce06.txt',
    docId: '003-territory-is-the-substance-of-the-conflict',
    headings: [3, 8],
    quotations: [],
    comments: [],
    furniture: [7, 13, 14],
  },
  {
    seed: '004_b1257046cb206f03.txt',
    docId: '004-ripe-for-a-negotiated-settlement',
    headings: [4, 13, 22],
    quotations: [6, 19, 28],
    comments: [31, 32, 33],
    furniture: [],
  },
] as const;

function seedLines(seed: string): string[] {
  return readFileSync(path.join(SEEDS, seed), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

let corpus: Corpus;
const doc = (docId: string): CorpusDocument => {
  const d = corpus.documents.find((x) => x.docId === docId);
  if (!d) throw new Error(`no document ${docId}`);
  return d;
};

beforeAll(async () => {
  corpus = await loadCorpus(CORPUS);
});

describe('the bundled corpus', () => {
  it('loads the five essays without problems, in file order', () => {
    expect(corpus.problems).toEqual([]);
    expect(corpus.documents.map((d) => d.docId)).toEqual(CONVERSIONS.map((c) => c.docId));
    expect(readdirSync(CORPUS).filter((f) => f.endsWith('.md'))).toHaveLength(5);
  });

  it('has descriptive titles and one-line summaries, no invented author, source or date', () => {
    for (const d of corpus.documents) {
      expect(d.title.length).toBeGreaterThan(10);
      expect(d.summary).toMatch(/^Argues that [^\n]+\.$/);
      expect(d.author).toBeNull();
      expect(d.source).not.toBeNull(); // the file text
      expect(d.sourceUrl).toBeNull();
      expect(d.published).toBeNull();
    }
    expect(doc('000-only-weapons-stop-this-war').title).toBe('Only weapons stop a war like this');
  });

  it('every line of each seed appears verbatim in its corpus file, in order', () => {
    for (const c of CONVERSIONS) {
      const source = readFileSync(path.join(CORPUS, `${c.docId}.md`), 'utf8');
      let from = 0;
      for (const line of seedLines(c.seed)) {
        const at = source.indexOf(line, from);
        expect(at, `${c.docId}: ${line.slice(0, 50)}`).toBeGreaterThanOrEqual(0);
        from = at + line.length;
      }
    }
  });

  it('maps every seed line to exactly one paragraph of the right kind, with the same text', () => {
    for (const c of CONVERSIONS) {
      const lines = seedLines(c.seed);
      // The `## Comments` heading is the one paragraph that is not a seed line.
      const paragraphs = doc(c.docId).paragraphs.filter(
        (p) => !(p.kind === 'heading' && p.text === 'Comments'),
      );
      expect(paragraphs.map((p) => p.text)).toEqual(lines);
      paragraphs.forEach((p, i) => {
        const n = i + 1;
        const expected = (c.headings as readonly number[]).includes(n)
          ? 'heading'
          : (c.furniture as readonly number[]).includes(n)
            ? 'furniture'
            : (c.quotations as readonly number[]).includes(n)
              ? 'quotation'
              : (c.comments as readonly number[]).includes(n)
                ? 'comment'
                : 'author';
        expect(p.kind, `${c.docId} line ${n}: ${p.text.slice(0, 40)}`).toBe(expected);
      });
    }
  });

  it('marks the sections of each essay, and Comments in 004', () => {
    expect(doc('000-only-weapons-stop-this-war').sections).toEqual([
      'A dialogue conducted in war crimes',
      'Only weapons stop a war like this',
      'Why technology, not brute force, is decisive',
      'The moral high ground is also the winning ground',
      'Integration, not charity',
    ]);
    expect(doc('003-territory-is-the-substance-of-the-conflict').sections).toEqual([
      'The architecture of apparent progress',
      'Assessing the probability of breakthrough',
    ]);
    expect(doc('004-ripe-for-a-negotiated-settlement').sections).toEqual([
      'The Roots of War',
      'Nobody Wins',
      'The Bitter Fruit of Imperialist “Peace”',
      'Comments',
    ]);
    expect(doc('001-everything-depends-on-security-guarantees').sections).toEqual([]);
    // Paragraphs before the first heading have no section.
    expect(doc('000-only-weapons-stop-this-war').paragraphs[0]!.section).toBeNull();
    expect(doc('000-only-weapons-stop-this-war').paragraphs[3]!.section).toBe(
      'A dialogue conducted in war crimes',
    );
  });

  it('004 has exactly the three reader comments as comments, and three quotations', () => {
    const d = doc('004-ripe-for-a-negotiated-settlement');
    const comments = d.paragraphs.filter((p) => p.kind === 'comment');
    expect(comments.map((p) => p.text.slice(0, 30))).toEqual([
      'I think the idea that Europe i',
      'Putin has been open about his ',
      'New forms of collective self-d',
    ]);
    expect(comments.every((p) => p.section === 'Comments')).toBe(true);
    const quotations = d.paragraphs.filter((p) => p.kind === 'quotation');
    expect(quotations.map((p) => p.text.slice(0, 30))).toEqual([
      'in order to make the settlemen',
      'statesmen can decide any fool ',
      'It was determined by all that ',
    ]);
    expect(d.sentences.filter((s) => s.kind === 'comment').length).toBeGreaterThanOrEqual(3);
    expect(d.sentences.filter((s) => s.kind === 'comment').every((s) => s.section === 'Comments')).toBe(true);
    // No other document has comments or quotations.
    for (const other of corpus.documents.filter((x) => x !== d)) {
      expect(other.sentences.every((s) => s.kind === 'author')).toBe(true);
    }
  });

  it('never puts furniture or headings in a sentence', () => {
    const furniture = corpus.documents.flatMap((d) =>
      d.paragraphs.filter((p) => p.kind === 'furniture' || p.kind === 'heading'),
    );
    expect(furniture.length).toBe(6 + 10 + 1); // furniture lines, essay headings, `## Comments`
    for (const s of corpus.eachSentence()) {
      for (const f of furniture) {
        if (f.text.length > 3) expect(s.text.includes(f.text), s.text).toBe(false);
      }
      expect(s.text).not.toMatch(/Subscribe|newsletter|Members are reading|IN FOCUS|^Kyiv, Ukraine$|^—$/);
    }
    expect(furniture.every((p) => p.number === 0)).toBe(true);
  });

  it('sentences are verbatim slices of the source and of their paragraph, in order', () => {
    let id = 0;
    for (const d of corpus.documents) {
      const byNumber = new Map(d.paragraphs.filter((p) => p.number > 0).map((p) => [p.number, p]));
      let last = -1;
      for (const s of d.sentences) {
        expect(s.id).toBe(id);
        expect(corpus.sentence(id)).toEqual(s);
        id++;
        expect(s.docId).toBe(d.docId);
        expect(d.source.slice(s.start, s.end)).toBe(s.text);
        expect(s.text).toBe(s.text.trim());
        expect(s.start).toBeGreaterThan(last);
        last = s.start;
        const p = byNumber.get(s.paragraph)!;
        expect(p.text.includes(s.text)).toBe(true);
        expect(s.start).toBeGreaterThanOrEqual(p.start);
        expect(s.end).toBeLessThanOrEqual(p.start + p.text.length);
        expect(s.section).toBe(p.section);
        expect(s.kind).toBe(p.kind);
      }
      for (const p of d.paragraphs) expect(d.source.slice(p.start, p.start + p.text.length)).toBe(p.text);
    }
    expect(id).toBe(corpus.sentenceCount);
  });

  it('numbers counted paragraphs 1.. contiguously and sentence positions 0.. within each paragraph', () => {
    for (const d of corpus.documents) {
      const numbers = d.paragraphs.filter((p) => p.number > 0).map((p) => p.number);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      for (const p of d.paragraphs)
        expect(p.number > 0).toBe(['author', 'quotation', 'comment'].includes(p.kind));
      const positions = new Map<number, number[]>();
      for (const s of d.sentences)
        positions.set(s.paragraph, [...(positions.get(s.paragraph) ?? []), s.position]);
      for (const [, list] of positions) expect(list).toEqual(list.map((_, i) => i));
      // Every counted paragraph has at least one sentence.
      expect(new Set(d.sentences.map((s) => s.paragraph)).size).toBe(numbers.length);
    }
  });

  it('quotation text starts after the "> " marker', () => {
    const d = doc('004-ripe-for-a-negotiated-settlement');
    for (const p of d.paragraphs.filter((x) => x.kind === 'quotation')) {
      expect(d.source.slice(p.start - 2, p.start)).toBe('> ');
      expect(d.source.slice(p.start, p.start + p.text.length)).toBe(p.text);
    }
  });

  it('splits the seed sentences as expected (spot checks)', () => {
    const texts = [...corpus.eachSentence()].map((s) => s.text);
    expect(texts).toContain('According to Witkoff, the outstanding issue is straightforward: "land deals."');
    expect(texts).toContain(
      'He has termed this the "800 lb elephant in the room," a characterization that dramatically understates its significance.',
    );
    expect(texts).toContain('Such a recalibration has been…elusive.');
    expect(texts).toContain(
      'The E.U. is primarily exceptional in that its military capabilities greatly lag the military investments by its leading members.',
    );
    expect(texts.some((t) => t.startsWith('On Thursday, U.S. President Donald Trump'))).toBe(true);
    expect(corpus.documents.map((d) => d.sentences.length)).toEqual([100, 31, 45, 33, 70]);
  });
});

describe('the raw seeds dropped in as .txt', () => {
  it('get the same headings and furniture as the hand-converted Markdown', async () => {
    const raw = await loadCorpus(SEEDS);
    expect(raw.problems).toEqual([]);
    expect(raw.documents).toHaveLength(5);
    raw.documents.forEach((txt, i) => {
      const md = corpus.documents[i]!;
      expect(txt.title).toBe(CONVERSIONS[i]!.seed.replace('.txt', '').replace('_', ' '));
      const mdParagraphs = md.paragraphs.filter((p) => !(p.kind === 'heading' && p.text === 'Comments'));
      expect(txt.paragraphs.map((p) => p.text)).toEqual(mdParagraphs.map((p) => p.text));
      expect(txt.paragraphs.map((p) => p.kind)).toEqual(
        // Without markup, quotations and comments are the author's words in a .txt file.
        mdParagraphs.map((p) => (p.kind === 'quotation' || p.kind === 'comment' ? 'author' : p.kind)),
      );
      // The Comments heading is not in the .txt, so its sections are the essay's own.
      expect(txt.sections).toEqual(md.sections.filter((s) => s !== 'Comments'));
      expect(txt.sentences.map((s) => s.text)).toEqual(md.sentences.map((s) => s.text));
    });
  });
});
