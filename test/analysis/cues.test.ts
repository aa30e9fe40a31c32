import { describe, expect, it } from 'vitest';
import { locate, readSentence, type Cue } from '../../src/analysis/cues.js';

const cues = (text: string): Array<Pick<Cue, 'text' | 'dimension' | 'polarity'>> =>
  readSentence(text).cues.map(({ text: t, dimension, polarity }) => ({ text: t, dimension, polarity }));

describe('readSentence: the cues of a stance', () => {
  it('reads evaluative words as a verdict on value, and negation flips them', () => {
    expect(cues('It is, I am convinced, a delusion.')).toContainEqual({
      text: 'delusion',
      dimension: 'value',
      polarity: -1,
    });
    expect(cues('The plan is not a delusion.')).toContainEqual({
      text: 'not a delusion',
      dimension: 'value',
      polarity: 1,
    });
    expect(cues('The war is ripe for a negotiated settlement.')).toContainEqual({
      text: 'ripe',
      dimension: 'outlook',
      polarity: 1,
    });
  });

  it('keeps negation inside its clause', () => {
    const reading = cues('Putin is not omnipotent, but his plan is a fantasy.');
    expect(reading).toContainEqual({ text: 'fantasy', dimension: 'value', polarity: -1 });
  });

  it('reads denied outcomes and modal denials as a doubtful outlook', () => {
    expect(cues('This war does not have a diplomatic solution.')).toContainEqual({
      text: 'not have a diplomatic solution',
      dimension: 'outlook',
      polarity: -1,
    });
    expect(cues('It will not.')).toContainEqual({ text: 'will not', dimension: 'outlook', polarity: -1 });
  });

  it('names the actor of a refusal, as written', () => {
    const first = readSentence(
      'Still, Russia is unlikely to accept any agreement that secures Ukraine’s future.',
    );
    expect(first.cues.find((c) => c.refusalBy)?.refusalBy).toBe('Russia');
    const second = readSentence('In turn, any firm guarantee will be unacceptable to Moscow.');
    expect(second.cues.find((c) => c.refusalBy)?.refusalBy).toBe('Moscow');
    const third = readSentence('President Vladimir Putin does not want a deal.');
    expect(third.cues.find((c) => c.refusalBy)?.text).toBe('not want');
    expect(third.cues.find((c) => c.refusalBy)?.refusalBy).toBe('Putin');
  });

  it('reads "I reject" as the author’s own verdict, not a refusal by someone else', () => {
    const reading = readSentence('I reject this completely.');
    expect(reading.cues).toHaveLength(1);
    expect(reading.cues[0]).toMatchObject({ dimension: 'value', polarity: -1 });
    expect(reading.cues[0]!.refusalBy).toBeUndefined();
    expect(reading.thesis).toBe(true);
  });

  it('does not read a denied undoing as doubt: "cannot be underestimated", "cannot be revoked"', () => {
    expect(cues('The damage done to morale cannot be underestimated.')).toEqual([]);
    expect(cues('It cannot be revoked by a single signature.')).toEqual([]);
  });

  it('discounts what an opening concessive clause concedes', () => {
    const reading = readSentence(
      'Despite the failure of this meeting, I believe the war is ripe for settlement.',
    );
    const failure = reading.cues.find((c) => c.text === 'failure')!;
    const ripe = reading.cues.find((c) => c.text === 'ripe')!;
    expect(failure.weight).toBeLessThan(ripe.weight / 3);
  });

  it('reads scare quotes after "their" as distance from the words', () => {
    expect(cues('So their “durable solution” is withdrawal and the overthrow of Putin.')).toContainEqual({
      text: 'their “durable solution”',
      dimension: 'value',
      polarity: -1,
    });
  });

  it('reads who is faring better, per side of the conflict', () => {
    const ahead = readSentence('Ukraine leads in motivation.').fortunes;
    expect(ahead).toEqual([expect.objectContaining({ side: 'Ukraine', polarity: 1 })]);
    const behind = readSentence(
      'Although Putin is slowly but surely winning militarily, Kyiv is exhausted.',
    ).fortunes;
    expect(behind).toContainEqual(expect.objectContaining({ side: 'Russia', polarity: 1 }));
    expect(readSentence('That is a literal stalemate.').stalemate).toBe('stalemate');
  });

  it('tells the author’s statements from reports, questions and convictions', () => {
    expect(readSentence('Witkoff frames the moment optimistically, claiming a deal is near.').reported).toBe(
      true,
    );
    expect(readSentence('Who monitors a ceasefire on that scale?').question).toBe(true);
    expect(readSentence('I continue to believe that the war is ripe.').thesis).toBe(true);
  });
});

describe('locate', () => {
  it('finds the verbatim span for normalised words, curly apostrophes and case included', () => {
    expect(locate('Russians don’t stay awake.', ["don't", 'stay'])).toBe('don’t stay');
    expect(locate('A “truce” built on this', ['truce', 'built'])).toBe('truce” built');
    expect(locate('Negotiation-mania grips capitals.', ['negotiation', 'mania'])).toBe('Negotiation-mania');
    expect(locate('the delusional plan', ['delusion'])).toBeNull();
  });
});
