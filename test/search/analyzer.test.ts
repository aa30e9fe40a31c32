import { describe, expect, it } from 'vitest';
import { analyse, normalise, words } from '../../src/search/analyzer.js';

describe('analyzer', () => {
  it('gives word forms of one word the same stem', () => {
    const stems = (text: string) => analyse(text).map((t) => t.stem);
    expect(stems('guarantee')).toEqual(stems('guarantees'));
    expect(stems('territory')).toEqual(stems('territorial'));
    expect(stems('negotiations')).toEqual(stems('negotiated'));
  });

  it('drops stop words but keeps their positions for phrase adjacency', () => {
    const tokens = analyse('The end of the war');
    expect(tokens.map((t) => t.word)).toEqual(['end', 'war']);
    expect(tokens.map((t) => t.position)).toEqual([1, 4]);
  });

  it('normalises case, diacritics, curly apostrophes and full-width letters', () => {
    expect(normalise('Déjà VU’s ＮＡＴＯ')).toBe("deja vu's nato");
    expect(words('Ukraine’s “security”—guarantees')).toEqual(["ukraine's", 'security', 'guarantees']);
  });

  it('keeps numbers and survives emoji, right-to-left text and markdown', () => {
    expect(analyse('90% of 800 lb').map((t) => t.word)).toEqual(['90', '800', 'lb']);
    expect(analyse('🕊️ **peace** _talks_ @everyone').map((t) => t.word)).toEqual([
      'peace',
      'talks',
      'everyone',
    ]);
    expect(analyse('سلام peace').map((t) => t.word)).toEqual(['سلام', 'peace']);
  });
});
