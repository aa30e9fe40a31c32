import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { furnitureReason } from '../../src/corpus/furniture.js';

const SEEDS = path.join(import.meta.dirname, 'fixtures', 'seeds');

describe('furnitureReason: the furniture in the seed essays', () => {
  it.each([
    ['IN FOCUS: WHY ISN’T TRUMP TAKING ON MEXICO’S CJNG CARTEL?', 'cross-link label'],
    [
      "Members are reading: Why Moscow's simultaneous escalation and diplomatic engagement reveals a calculated strategy to fracture Western unity and dictate settlement terms.",
      'teaser or credit label',
    ],
    [
      'Subscribe to our free newsletter to unlock direct links to all sources used in this article.',
      'newsletter or membership prompt',
    ],
    [
      "We believe you deserve to verify everything we write. That's why we meticulously document every source.",
      'publisher message',
    ],
    ['—', 'separator'],
  ])('%s', (text, reason) => {
    expect(furnitureReason(text)).toBe(reason);
  });

  it('recognises a lone place name at the start as a dateline, but not later on', () => {
    expect(furnitureReason('Kyiv, Ukraine', { atStart: true })).toBe('dateline');
    expect(furnitureReason('Kyiv, Ukraine', { atStart: false })).toBeNull();
  });
});

describe('furnitureReason: other scraped boilerplate (general rules, not these strings)', () => {
  it.each([
    // Separators.
    '-',
    '–',
    '***',
    '* * *',
    '___',
    '⁂',
    '•••',
    // Newsletter, membership, sign-up and support prompts.
    'Sign up for our daily newsletter and get the best analysis in your inbox.',
    'Subscribe now to get unlimited access to every story.',
    'Become a member to read the full archive and support independent journalism.',
    'Already a subscriber? Log in to continue reading.',
    'Enjoyed this article? Support our work with a donation today.',
    'Thanks for reading! Subscribe for free to receive new posts.',
    'Our journalism depends on readers like you. Please consider supporting us.',
    'Join our community of 20,000 readers.',
    // Teasers, cross-links and labels.
    'Readers are also reading: How the front line moved this winter.',
    'READ MORE: The ceasefire that never was',
    'Related: Five things to know about the summit',
    'See also: The Istanbul talks, one year on',
    'EXCLUSIVE: Inside the Kremlin talks',
    'EDITOR’S NOTE: This article was updated to correct a date.',
    'Recommended: What the polls say',
    'Watch: The envoy arrives in Moscow',
    'Up next: The envoy arrives in Moscow',
    'Further reading: The Minsk agreements',
    'Editor’s note: This article was updated.',
    'Source: Reuters',
    'Photo: Getty Images',
    // Short site labels.
    'Read more',
    'Continue reading',
    'Advertisement',
    'Skip Advertisement',
    'Story continues below advertisement',
    'Share this article',
    'Share on Facebook',
    'Follow us on X',
    'Listen to this article',
    '5 min read',
    'Print',
    'Back to top',
    'Sponsored content',
    'All rights reserved.',
    // Other furniture.
    '© 2025 The Daily Example. All rights reserved.',
    '(Photo by Jane Doe/Getty Images)',
    'https://example.com/newsletter',
    'January 5, 2025',
    'Updated Jan. 5, 2025, 3:45 PM EST',
    '2025-08-16',
    'By Jane Doe',
    'By Jane Doe and John Roe',
    '<!-- editor: check this paragraph -->',
  ])('%s', (text) => {
    expect(furnitureReason(text)).not.toBeNull();
  });

  it.each(['Washington, D.C.', 'KYIV, Ukraine (AP) —', 'MOSCOW —', 'Brussels, Belgium'])(
    'dateline at the start: %s',
    (text) => {
      expect(furnitureReason(text, { atStart: true })).toBe('dateline');
    },
  );
});

describe('furnitureReason: prose is never furniture', () => {
  const seedParagraphs = readdirSync(SEEDS)
    .sort()
    .flatMap((f) => readFileSync(path.join(SEEDS, f), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '');
  const furnitureLines = new Set([
    'Kyiv, Ukraine',
    '—',
    'IN FOCUS: WHY ISN’T TRUMP TAKING ON MEXICO’S CJNG CARTEL?',
    "Members are reading: Why Moscow's simultaneous escalation and diplomatic engagement reveals a calculated strategy to fracture Western unity and dictate settlement terms.",
    'Subscribe to our free newsletter to unlock direct links to all sources used in this article.',
    "We believe you deserve to verify everything we write. That's why we meticulously document every source.",
  ]);

  it('no other line of the five seeds is furniture (not even as the first paragraph)', () => {
    const wrong = seedParagraphs
      .filter((line) => !furnitureLines.has(line))
      .filter((line) => furnitureReason(line, { atStart: true }) !== null);
    expect(wrong).toEqual([]);
    expect(seedParagraphs.filter((line) => furnitureLines.has(line))).toHaveLength(furnitureLines.size);
  });

  it.each([
    'Subscribe to the view that sanctions work, and you will be disappointed by the evidence.',
    'Read the statement carefully: it commits Moscow to nothing at all.',
    'We need to understand this dynamic as we consider why Moscow accepted peace talks in the first place.',
    'If you’re not capable of inducing a ceasefire, it’s implausible that you’ll be able to secure something called durable peace.',
    'Trump is right to try to end this war as quickly as possible.',
    'Nobody Wins',
    'The Roots of War',
    'Putin said: the war will go on.',
    'NATO expansion was a favorable structuring condition.',
    'By contrast, Russia has managed to sustain the war without declaring a full mobilization.',
    'Support for Ukraine is waning, and access to weapons is shrinking.',
    'Share the burden, Europe must.',
    'It moves nothing.',
    'They are replies.',
    'What comes next: a ceasefire, or a frozen conflict.',
    'Things to watch: the front line, and the money.',
    'My reading: the talks failed because both sides wanted them to.',
    'The source: a leaked memo.',
    'One more point: guarantees matter.',
  ])('%s', (text) => {
    expect(furnitureReason(text, { atStart: true })).toBeNull();
  });

  it('ignores long paragraphs quickly', () => {
    const long = 'Subscribe to our newsletter. '.repeat(100_000);
    const t0 = performance.now();
    expect(furnitureReason(long)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
