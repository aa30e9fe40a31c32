import { beforeAll, describe, expect, it } from 'vitest';
import { positions } from '../../src/analysis/positions.js';
import { ELLIPSIS } from '../../src/analysis/summary.js';
import type { CorpusIndex } from '../../src/search/corpus-index.js';
import { bundledIndex, commentTexts, doc } from './bundled.js';

const TOPICS = [
  'security guarantees',
  'negotiations',
  'ceasefire',
  'sanctions',
  'territory',
  'Trump',
  'morale',
  'NATO',
  'battlefield',
  'Europe',
  'Korea model',
  'root causes',
];

let index: CorpusIndex;
beforeAll(async () => {
  index = await bundledIndex();
});

describe('positions on the bundled corpus', () => {
  it('never quotes or summarises a reader comment, nor anyone the author quotes', () => {
    const comments = commentTexts(index);
    expect(comments.length).toBeGreaterThan(0);
    const quotations = [...index.corpus.eachSentence()]
      .filter((s) => s.kind === 'quotation')
      .map((s) => s.text);
    for (const topic of TOPICS) {
      for (const entry of positions(index, { topic, limit: 10 }).positions) {
        for (const q of entry.quotes) {
          expect(q.kind).toBe('author');
          expect(index.corpus.sentence(q.sentenceId)!.kind).toBe('author');
        }
        for (const text of [...comments, ...quotations]) expect(entry.summary).not.toContain(text);
      }
    }
  });

  it('builds every summary only from whole sentences the author wrote, verbatim', () => {
    for (const topic of TOPICS) {
      for (const entry of positions(index, { topic }).positions) {
        const document = index.document(entry.docId)!;
        const authored = new Set(document.sentences.filter((s) => s.kind === 'author').map((s) => s.text));
        const pieces = entry.summary.split(ELLIPSIS);
        expect(pieces.length).toBeLessThanOrEqual(3);
        for (const piece of pieces) {
          expect(document.source).toContain(piece);
          // A piece is one sentence or consecutive sentences of one paragraph, each the author's.
          const sentences = document.sentences.filter((s) => piece.includes(s.text));
          expect(sentences.length).toBeGreaterThan(0);
          for (const s of sentences) expect(authored.has(s.text)).toBe(true);
        }
        for (const q of entry.quotes) expect(document.source).toContain(q.text);
      }
    }
  });

  it('lists documents with nothing on the topic as silent, and gives them no entry', () => {
    const cases: Array<[string, string[]]> = [
      ['ceasefire', ['001', '002', '003']],
      ['sanctions', ['003']],
      ['Trump', ['000']],
      ['morale', ['003', '004']],
      ['Korea model', ['000', '001', '002', '003']],
    ];
    for (const [topic, silent] of cases) {
      const result = positions(index, { topic });
      const given = result.positions.map((p) => p.docId);
      for (const number of silent) {
        const docId = doc(index, number).docId;
        expect(result.silent, `${topic}: ${number}`).toContain(docId);
        expect(given, `${topic}: ${number}`).not.toContain(docId);
      }
      expect(result.silent.length + given.length).toBe(index.corpus.documents.length);
    }
  });

  it("gives each author's position with the sentences that state it", () => {
    const result = positions(index, { topic: 'security guarantees' });
    const entry = result.positions.find((p) => p.docId === doc(index, '001').docId)!;
    expect(entry).toBeDefined();
    expect(entry.stance).toBe('expects Russia to refuse');
    const texts = entry.quotes.map((q) => q.text).join('\n');
    expect(texts).toContain('any firm, enforceable security guarantee will be unacceptable to Russia');
    // The strongest, most direct statements come first: 001 is built around the topic.
    expect(result.positions[0]!.docId).toBe(doc(index, '001').docId);
  });

  it('reads opposite leans from the text on negotiations', () => {
    const result = positions(index, { topic: 'negotiations' });
    const stance = (number: string) =>
      result.positions.find((p) => p.docId === doc(index, number).docId)?.stance;
    expect(stance('004')).toMatch(/^hopeful about negotiations/);
    expect(stance('004')).toContain('ripe');
    for (const number of ['000', '001', '002', '003'])
      expect(stance(number)).toMatch(/critical|sceptical|refuse/);
  });

  it('shows unsigned essays as unsigned and never invents an author', () => {
    for (const entry of positions(index, { topic: 'negotiations' }).positions) {
      expect(entry.author).toBeNull();
      for (const q of entry.quotes) expect(q.author).toBeNull();
    }
  });

  it('keeps to the requested number of quotes per author', () => {
    for (const limit of [1, 2, 5]) {
      for (const entry of positions(index, { topic: 'negotiations', limit }).positions) {
        expect(entry.quotes.length).toBeGreaterThanOrEqual(1);
        expect(entry.quotes.length).toBeLessThanOrEqual(limit);
      }
    }
  });

  it('frames an entry with the maintainer summary only as a separate, marked field', () => {
    for (const entry of positions(index, { topic: 'security guarantees' }).positions) {
      if (entry.framing) expect(entry.framing).toBe(index.document(entry.docId)!.summary);
      if (entry.framing) expect(entry.summary).not.toContain(entry.framing);
    }
  });

  it('suggests other topics when nothing matches at all', () => {
    const result = positions(index, { topic: 'quantum chromodynamics' });
    expect(result.positions).toEqual([]);
    expect(result.silent).toHaveLength(index.corpus.documents.length);
    expect(result.suggestions.length).toBeGreaterThan(0);
  });
});
