import { describe, expect, it } from 'vitest';
import {
  encodeContext,
  encodeDocsPage,
  encodeQuotePage,
  fitUnits,
  parseCustomId,
  type QuotePageState,
} from '../../src/discord/custom-id.js';
import { LIMITS } from '../../src/render/discord/limits.js';

function page(id: string): QuotePageState {
  const parsed = parseCustomId(id);
  if (parsed?.key !== 'quote:page') throw new Error(`not a page id: ${id}`);
  return parsed.state;
}

describe('quote page custom_id', () => {
  it('round-trips', () => {
    const id = encodeQuotePage({
      topic: 'security guarantees',
      offset: 5,
      limit: 5,
      comments: true,
      doc: null,
    });
    expect(id).toBe('quote:page:1:5:5:c::security guarantees');
    expect(page(id)).toEqual({
      topic: 'security guarantees',
      offset: 5,
      limit: 5,
      comments: true,
      doc: null,
      docIsPrefix: false,
      topicTruncated: false,
    });
  });

  it('carries a docId, escaping its separators, and a topic holding colons', () => {
    const id = encodeQuotePage({
      topic: 'NATO: expansion',
      offset: 0,
      limit: 25,
      comments: false,
      doc: 'a:b%c',
    });
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(page(id)).toMatchObject({ topic: 'NATO: expansion', doc: 'a:b%c', limit: 25, docIsPrefix: false });
  });

  it('fits a 500-character topic within 100 characters, and gives the whole topic back in this process', () => {
    const topic = 'the question of security guarantees for Ukraine after the war '.repeat(9).slice(0, 500);
    const id = encodeQuotePage({
      topic,
      offset: 120,
      limit: 10,
      comments: false,
      doc: '001-no-diplomatic-solution',
    });
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(id).toMatch(/^quote:page:1:120:10:thd?:/u);
    const state = page(id);
    expect(state.topic).toBe(topic.trim());
    expect(state.topicTruncated).toBe(false);
    expect(state.doc).toBe('001-no-diplomatic-solution');
    expect(state.offset).toBe(120);
  });

  it('after a restart (topic not remembered) falls back to the shortened topic, cut at a word and flagged', () => {
    const topic = 'what the European Union can guarantee to Ukraine once the fighting along the front stops';
    const id = encodeQuotePage({ topic, offset: 5, limit: 5, comments: false, doc: null });
    // Another process made this button: same shortened topic, a hash this process never saw.
    const [head, shortened] = [id.slice(0, id.lastIndexOf(':') + 1), id.slice(id.lastIndexOf(':') + 1)];
    const foreign = `${head}zzzzzzz${shortened.slice(7)}`;
    const state = page(foreign);
    expect(state.topicTruncated).toBe(true);
    expect(topic.startsWith(state.topic)).toBe(true);
    expect(state.topic.length).toBeLessThan(topic.length);
    expect(topic[state.topic.length]).toBe(' ');
    // Buttons made before hashes existed (flag `t` alone) still parse the same way.
    const old = `quote:page:1:5:5:t::${state.topic}`;
    expect(page(old)).toMatchObject({ topic: state.topic, topicTruncated: true });
  });

  it('fits unicode topics without splitting surrogate pairs', () => {
    for (const unit of ['😀', 'ש', '👨‍👩‍👧‍👦', 'é', '🇺🇦']) {
      const topic = unit.repeat(200);
      const id = encodeQuotePage({ topic, offset: 0, limit: 5, comments: false, doc: null });
      expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
      const state = page(id);
      expect(topic.startsWith(state.topic)).toBe(true);
      expect(state.topic.length).toBeGreaterThan(0);
      expect(/[\uD800-\uDBFF]$/u.test(state.topic)).toBe(false);
    }
  });

  it('shortens a very long docId to a flagged prefix', () => {
    const doc = `${'x'.repeat(90)}-long-doc`;
    const id = encodeQuotePage({ topic: 'territory', offset: 0, limit: 5, comments: false, doc });
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    const state = page(id);
    expect(state.docIsPrefix).toBe(true);
    expect(doc.startsWith(state.doc ?? '')).toBe(true);
    expect(state.topic).toBe('territory');
  });

  it('never leaves half an escape in a shortened docId', () => {
    const doc = ':'.repeat(80);
    const id = encodeQuotePage({ topic: 'x'.repeat(60), offset: 0, limit: 5, comments: false, doc });
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(page(id).doc).toMatch(/^:*$/u);
  });

  it('refuses out-of-range numbers when encoding', () => {
    expect(() => encodeQuotePage({ topic: 't', offset: -1, limit: 5, comments: false, doc: null })).toThrow();
    expect(() => encodeQuotePage({ topic: 't', offset: 0, limit: 26, comments: false, doc: null })).toThrow();
  });
});

describe('context custom_id', () => {
  it('round-trips', () => {
    const id = encodeContext({ sentenceId: 1234, paragraph: 7, position: 2, doc: '002-the-korea-model' });
    expect(parseCustomId(id)).toEqual({
      key: 'quote:ctx',
      state: { sentenceId: 1234, paragraph: 7, position: 2, doc: '002-the-korea-model', docIsPrefix: false },
    });
  });

  it('fits a long unicode docId', () => {
    const doc = '003-עמדה-אחרת-'.repeat(10);
    const id = encodeContext({ sentenceId: 999_999, paragraph: 12, position: 0, doc });
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    const parsed = parseCustomId(id);
    expect(parsed?.key).toBe('quote:ctx');
    if (parsed?.key === 'quote:ctx') {
      expect(parsed.state.docIsPrefix).toBe(true);
      expect(doc.startsWith(parsed.state.doc)).toBe(true);
    }
  });
});

describe('docs page custom_id', () => {
  it('round-trips', () => {
    expect(parseCustomId(encodeDocsPage({ offset: 30 }))).toEqual({
      key: 'docs:page',
      state: { offset: 30 },
    });
  });
});

describe('parseCustomId', () => {
  it.each([
    '',
    'quote',
    'quote:page',
    'quote:page:1',
    'quote:page:2:0:5::x', // another version
    'quote:page:1:0:5:c:', // no topic
    'quote:page:1:x:5::topic', // not a number
    'quote:page:1:0:0::topic', // limit below 1
    'quote:page:1:0:26::topic', // limit above 25
    'quote:page:1:01:5::topic', // leading zero
    'quote:page:1:0:5:z::topic', // unknown flag
    'quote:ctx:1:1:2:3:d:', // no doc
    'docs:page:1:',
    'docs:page:1:1:2',
    'unknown:thing:1:2',
    `quote:page:1:0:5::${'x'.repeat(100)}`, // over 100
  ])('rejects %j', (id) => {
    expect(parseCustomId(id)).toBeNull();
  });
});

describe('fitUnits', () => {
  it('counts UTF-16 units and keeps whole code points', () => {
    expect(fitUnits('😀😀😀', 5, false)).toBe('😀😀');
    expect(fitUnits('one two three', 9, true)).toBe('one two');
  });
});
