import { describe, expect, it } from 'vitest';
import { CorpusIndex } from '../../src/search/corpus-index.js';
import { makeCorpus } from './make-corpus.js';

const corpus = makeCorpus([
  {
    docId: 'a-guarantees',
    title: 'Guarantees or nothing',
    paragraphs: [
      [
        'Everything depends on the strength of any security guarantees for Ukraine.',
        'Weak assurances invite another war.',
      ],
      [
        'Any firm, enforceable security guarantee will be unacceptable to Moscow.',
        'The weather was cold that winter.',
      ],
    ],
  },
  {
    docId: 'b-territory',
    title: 'Territory is the whole substance',
    paragraphs: [
      [
        'Territory is not a final detail to be resolved after everything else.',
        'It is the entire substance of the conflict.',
      ],
      ['Russia controls some 20% of Ukrainian territory, and a ceasefire would freeze that.'],
    ],
  },
  {
    docId: 'c-weapons',
    title: 'Only weapons end it',
    paragraphs: [
      ['Sanctions will not do the work, and a ceasefire built on this asymmetry would be a trap.'],
      ['Security comes from weapons in Ukrainian hands, not from guarantees on paper.'],
    ],
  },
]);
const index = CorpusIndex.build(corpus);

const texts = (query: string, limit = 5) => index.search(query, { limit }).hits.map((h) => h.sentence.text);

describe('CorpusIndex.search', () => {
  it('ranks sentences holding every query word above those holding one', () => {
    const [first, second] = texts('security guarantees');
    expect(first).toMatch(/security guarantees?/);
    expect(second).toMatch(/security|guarantee/i);
  });

  it('matches plurals and other word forms', () => {
    expect(texts('guarantee')).toEqual(
      expect.arrayContaining([expect.stringContaining('security guarantees for Ukraine')]),
    );
    expect(texts('territorial')[0]).toMatch(/territory/i);
  });

  it('tolerates typos through the vocabulary', () => {
    expect(texts('securty guarantes')[0]).toMatch(/security guarantee/);
    expect(texts('teritory')[0]).toMatch(/territory/i);
    const understood = index.search('teritory', { limit: 1 }).understood;
    expect(understood[0]?.matches[0]?.word).toBe('territory');
  });

  it('joins a pair the corpus writes as one word', () => {
    const outcome = index.search('cease fire', { limit: 5 });
    expect(outcome.understood.map((g) => g.typed)).toEqual(['cease fire']);
    expect(outcome.hits.length).toBe(2);
    expect(outcome.hits.every((h) => /ceasefire/.test(h.sentence.text))).toBe(true);
  });

  it('spreads results across documents before taking a second sentence from one', () => {
    const docs = index
      .search('security guarantees ceasefire territory', { limit: 3 })
      .hits.map((h) => h.sentence.docId);
    expect(new Set(docs).size).toBe(3);
  });

  it('restricts to one document and pages without repeating', () => {
    const inB = index.search('territory', { limit: 5, docId: 'b-territory' }).hits;
    expect(inB.length).toBeGreaterThan(0);
    expect(inB.every((h) => h.sentence.docId === 'b-territory')).toBe(true);
    const page1 = index.search('security', { limit: 1 }).hits.map((h) => h.sentence.id);
    const page2 = index.search('security', { limit: 1, offset: 1 }).hits.map((h) => h.sentence.id);
    expect(page1).not.toEqual(page2);
    expect(index.search('security', { limit: 5, docId: 'no-such-doc' }).hits).toEqual([]);
  });

  it('finds nothing for stop words or unknown words, and suggests instead', () => {
    expect(index.search('the of and', { limit: 5 }).total).toBe(0);
    expect(index.search('xylophone', { limit: 5 }).total).toBe(0);
    expect(index.suggest('securiti garantees')[0]).toBe('security guarantees');
    expect(index.suggest('xylophone').length).toBeGreaterThan(0);
  });

  it('survives hostile input', () => {
    for (const query of [
      '',
      '   ',
      '@everyone **bold** `code`',
      '🕊️🕊️🕊️',
      'سلام',
      'a'.repeat(5000),
      '\u0000\u0007',
    ]) {
      expect(() => index.search(query, { limit: 5 })).not.toThrow();
    }
  });
});

describe('CorpusIndex lookups', () => {
  it('finds documents by id, title and misspelt title', () => {
    expect(index.findDocument('b-territory')?.docId).toBe('b-territory');
    expect(index.findDocument('Only weapons end it')?.docId).toBe('c-weapons');
    expect(index.findDocument('only wepons')?.docId).toBe('c-weapons');
    expect(index.findDocument('zzzz qqqq')).toBeNull();
  });

  it('completes topics exact first, then prefix, then fuzzy, within the limit', () => {
    expect(index.topics(25).length).toBeGreaterThan(0);
    const completions = index.completeTopic('secur', 25);
    expect(completions[0]).toMatch(/^secur/);
    expect(index.completeTopic('securty', 25)).toContain('security');
    expect(index.completeTopic('', 3)).toEqual(index.topics(3));
  });
});

describe('CorpusIndex.buildAsync', () => {
  it('builds the same index as build while letting other work run in between', async () => {
    const paragraphs = Array.from({ length: 3_000 }, (_, i) => [
      `Paragraph ${i} weighs security guarantees against territory number ${i % 97}.`,
      `A ceasefire in sector ${i % 13} would freeze the front for a while.`,
    ]);
    const large = makeCorpus([{ docId: 'large', title: 'Many paragraphs', paragraphs }]);
    let ticks = 0;
    let running = true;
    const tick = (): void => {
      ticks += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const asyncIndex = await CorpusIndex.buildAsync(large);
    running = false;
    const syncIndex = CorpusIndex.build(large);
    // 6,000 sentences: the build pauses once, and other callbacks run during the pause.
    expect(ticks).toBeGreaterThan(0);
    const ids = (idx: CorpusIndex) =>
      idx.search('ceasefire sector', { limit: 10 }).hits.map((h) => [h.sentence.id, h.score]);
    expect(ids(asyncIndex)).toEqual(ids(syncIndex));
    expect(asyncIndex.topics(10)).toEqual(syncIndex.topics(10));
  });
});
