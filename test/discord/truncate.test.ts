import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { LIMITS } from '../../src/render/discord/limits.js';
import {
  ELLIPSIS,
  charLength,
  embedsTextLength,
  fitEmbeds,
  truncate,
  truncateStart,
} from '../../src/render/discord/truncate.js';
import { escapeText } from '../../src/render/discord/escape.js';

/** True when the string holds a lone surrogate (half of a split emoji). */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const high = unit >= 0xd800 && unit <= 0xdbff;
    const low = unit >= 0xdc00 && unit <= 0xdfff;
    const next = s.charCodeAt(i + 1);
    if (high && !(next >= 0xdc00 && next <= 0xdfff)) return true;
    if (high) i++;
    else if (low) return true;
  }
  return false;
}

describe('charLength', () => {
  it('counts code points, so an emoji counts once', () => {
    expect(charLength('abc')).toBe(3);
    expect(charLength('🕊️')).toBe(2); // dove + variation selector
    expect(charLength('😀😀')).toBe(2);
    expect('😀😀'.length).toBe(4);
    expect(charLength('שלום')).toBe(4);
  });
});

describe('truncate', () => {
  it('leaves text within the limit alone', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('😀'.repeat(10), 10)).toBe('😀'.repeat(10));
  });

  it('cuts to the limit with an ellipsis, at a word boundary when one is near', () => {
    const out = truncate('The Korean armistice of 1953 froze a front line, not a settlement.', 30);
    expect(charLength(out)).toBeLessThanOrEqual(30);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
    expect(out).toBe('The Korean armistice of 1953…');
  });

  it('never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(50);
    for (let max = 1; max < 60; max++) {
      const out = truncate(emoji, max);
      expect(charLength(out)).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(out)).toBe(false);
    }
  });

  it('never splits a grapheme cluster (ZWJ family, flags, skin tones)', () => {
    const family = '👨‍👩‍👧‍👦'; // 7 code points
    const text = `ab ${family}${family} 🇺🇦🇺🇦 👍🏽👍🏽`;
    for (let max = 2; max < charLength(text); max++) {
      const out = truncate(text, max, { atWord: false });
      expect(charLength(out)).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(out)).toBe(false);
      const body = out.slice(0, -1);
      // Whatever is kept is a prefix made of whole clusters of the original.
      expect(text.startsWith(body)).toBe(true);
      const clusters = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map(
        (s) => s.index,
      );
      expect(clusters.includes(body.trimEnd().length) || body.trimEnd().length === text.length).toBe(true);
    }
  });

  it('handles right-to-left text', () => {
    const hebrew = 'השלום לא ייכפה מבחוץ. הוא ייבנה מבפנים.';
    const out = truncate(hebrew, 20);
    expect(charLength(out)).toBeLessThanOrEqual(20);
    expect(hebrew.startsWith(out.slice(0, -1))).toBe(true);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
  });

  it('never leaves a dangling escape that would swallow the ellipsis', () => {
    const escaped = escapeText('a*b*c*d*e*f*g*h*i*j*k');
    for (let max = 3; max < charLength(escaped); max++) {
      const out = truncate(escaped, max, { atWord: false });
      const body = out.slice(0, -1);
      const trailing = body.match(/\\*$/u)?.[0].length ?? 0;
      expect(trailing % 2).toBe(0);
    }
  });

  it('copes with tiny limits', () => {
    expect(truncate('hello', 0)).toBe('');
    expect(truncate('hello', 1)).toBe(ELLIPSIS);
    expect(truncate('hello', 2)).toBe(`h${ELLIPSIS}`);
  });
});

describe('truncateStart', () => {
  it('keeps the end of the text, starting with an ellipsis', () => {
    const out = truncateStart('one two three four five six seven', 12);
    expect(charLength(out)).toBeLessThanOrEqual(12);
    expect(out.startsWith(ELLIPSIS)).toBe(true);
    expect('one two three four five six seven'.endsWith(out.slice(1))).toBe(true);
  });

  it('never splits an emoji', () => {
    const out = truncateStart('😀'.repeat(30), 7);
    expect(hasLoneSurrogate(out)).toBe(false);
    expect(charLength(out)).toBeLessThanOrEqual(7);
  });
});

describe('fitEmbeds', () => {
  const big = (n: number): string => 'word '.repeat(n);

  it('keeps every part within its limit and the total within 6,000', () => {
    const embeds: APIEmbed[] = Array.from({ length: 12 }, () => ({
      title: big(100),
      description: big(1000),
      footer: { text: big(500) },
      author: { name: big(100) },
      fields: Array.from({ length: 30 }, () => ({ name: big(100), value: big(300) })),
    }));
    const fitted = fitEmbeds(embeds);
    expect(fitted.length).toBeLessThanOrEqual(LIMITS.embeds);
    expect(embedsTextLength(fitted)).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const embed of fitted) {
      expect(charLength(embed.title ?? '')).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect(charLength(embed.description ?? '')).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(charLength(embed.footer?.text ?? '')).toBeLessThanOrEqual(LIMITS.footerText);
      expect(charLength(embed.author?.name ?? '')).toBeLessThanOrEqual(LIMITS.authorName);
      expect((embed.fields ?? []).length).toBeLessThanOrEqual(LIMITS.embedFields);
      for (const field of embed.fields ?? []) {
        expect(charLength(field.name)).toBeLessThanOrEqual(LIMITS.fieldName);
        expect(charLength(field.value)).toBeLessThanOrEqual(LIMITS.fieldValue);
      }
    }
  });

  it('counts emoji once against the total', () => {
    const embed: APIEmbed = {
      description: '😀'.repeat(4000),
      fields: [{ name: 'x', value: '😀'.repeat(1000) }],
    };
    const fitted = fitEmbeds([embed]);
    expect(embedsTextLength(fitted)).toBe(5001);
  });

  it('replaces empty field names and values, which Discord rejects', () => {
    const fitted = fitEmbeds([{ fields: [{ name: '', value: '  ' }] }]);
    expect(fitted[0]?.fields?.[0]?.name.trim()).not.toBe('');
    expect(fitted[0]?.fields?.[0]?.value.length).toBeGreaterThan(0);
  });

  it('does not modify its input', () => {
    const embed: APIEmbed = { description: big(2000) };
    const copy = structuredClone(embed);
    fitEmbeds([embed]);
    expect(embed).toEqual(copy);
  });
});

describe('limits', () => {
  it("names Discord's limits", () => {
    expect(LIMITS).toMatchObject({
      content: 2000,
      embeds: 10,
      embedTotal: 6000,
      embedTitle: 256,
      embedDescription: 4096,
      embedFields: 25,
      fieldName: 256,
      fieldValue: 1024,
      footerText: 2048,
      customId: 100,
      threadName: 100,
      autocompleteChoices: 25,
    });
  });
});
