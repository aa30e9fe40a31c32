import { describe, expect, it } from 'vitest';
import type { PositionsResult } from '../../src/analysis/types.js';
import { renderPositionsText } from '../../src/render/text/analysis.js';
import { positionsJson } from '../../src/render/json.js';

const quote = {
  docId: 'a',
  title: 'Essay A',
  author: null,
  section: 'Roots',
  paragraph: 3,
  text: 'Talks will not end this war.',
  score: 2,
  kind: 'author' as const,
  sentenceId: 7,
};

const result: PositionsResult = {
  topic: 'talks',
  positions: [
    {
      docId: 'a',
      title: 'Essay A',
      author: null,
      stance: 'sceptical of talks',
      summary: 'Talks will not end this war.',
      framing: 'Argues that only weapons end the war.',
      quotes: [quote],
    },
  ],
  silent: ['b', 'c'],
  silentTotal: 5,
  morePositions: 2,
  suggestions: [],
};

describe('text and JSON renderers for positions', () => {
  it('shows the stance, the maintainer framing apart from the evidence, and what is not listed', () => {
    const text = renderPositionsText(result);
    expect(text).toContain('Essay A — Unsigned  [sceptical of talks]');
    expect(text).toContain("Maintainer's summary: Argues that only weapons end the war.");
    expect(text).toContain('Essay A — Unsigned · Roots · ¶3');
    expect(text).toContain('…and 2 more documents take a position.');
    expect(text).toContain('Not addressed by: b, c and 3 more');
  });

  it('keeps the documented JSON shape and leaves internal ids out', () => {
    const json = positionsJson(result);
    expect(json.silentTotal).toBe(5);
    expect(json.positions[0]!.quotes[0]).toEqual({
      docId: 'a',
      title: 'Essay A',
      author: null,
      section: 'Roots',
      paragraph: 3,
      text: 'Talks will not end this war.',
      score: 2,
      kind: 'author',
    });
  });
});
