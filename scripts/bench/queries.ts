import { Rng, Zipf } from './prng.js';
import type { SourceMaterial } from './sources.js';
import { FUNCTION_WORDS, inventUnknownWord, wordsOf } from './words.js';

/**
 * The fixed, seeded query workload: the same queries at every corpus size, drawn from the source essays
 * (what a reading group asks about) and from the invented lexicon (the long tail), in the mix a Discord
 * channel produces: one word, two words, typos, words the corpus has never seen, and phrases pasted
 * from the texts.
 */

export type QueryKind = 'one-word' | 'two-word' | 'typo' | 'unknown' | 'phrase' | 'named';

export interface Query {
  text: string;
  kind: QueryKind;
}

export interface Workload {
  quote: Query[];
  positions: Query[];
  contrast: Query[];
  /** Run before measuring, never measured: different queries, so nothing measured is a repeat. */
  warmup: { quote: Query[]; positions: Query[]; contrast: Query[] };
}

/** The topics the project's issues name as the ones that must work. */
export const NAMED_TOPICS = [
  'security guarantees',
  'securty guarantes',
  'territory',
  'teritory',
  'cease fire',
  'NATO expansion',
  'Korea model',
];

const QUOTE_MIX: Record<Exclude<QueryKind, 'named'>, number> = {
  'one-word': 45,
  'two-word': 40,
  typo: 40,
  unknown: 30,
  phrase: 40,
};
const TOPIC_MIX: Record<Exclude<QueryKind, 'named' | 'phrase'>, number> = {
  'one-word': 24,
  'two-word': 20,
  typo: 8,
  unknown: 3,
};

function isContent(word: string): boolean {
  return word.length >= 4 && !FUNCTION_WORDS.has(word) && /^\p{L}+(?:['’]\p{L}+)?$/u.test(word);
}

/** One typing slip in the longest word: a dropped, doubled, swapped or wrong letter. */
export function typo(text: string, rng: Rng): string {
  const words = text.split(' ');
  let target = 0;
  words.forEach((w, i) => {
    if (w.length > words[target]!.length) target = i;
  });
  const word = words[target]!;
  if (word.length < 4) return text;
  const i = rng.range(1, word.length - 2);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let slipped: string;
  switch (rng.int(4)) {
    case 0:
      slipped = word.slice(0, i) + word.slice(i + 1);
      break;
    case 1:
      slipped = word.slice(0, i) + word[i] + word.slice(i);
      break;
    case 2:
      slipped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      break;
    default:
      slipped = word.slice(0, i) + letters[rng.int(26)] + word.slice(i + 1);
  }
  words[target] = slipped === word ? word.slice(0, i) + word.slice(i + 1) : slipped;
  return words.join(' ');
}

interface Pools {
  /** Content-word tokens of the essays (uniform pick = pick by frequency). */
  tokens: string[];
  /** Adjacent content-word pairs of the essays. */
  pairs: string[];
  /** 3–6 word spans of essay sentences. */
  sentences: string[][];
  lexicon: readonly string[];
  zipf: Zipf;
  known: Set<string>;
}

function pools(material: SourceMaterial, lexicon: readonly string[]): Pools {
  const tokens: string[] = [];
  const pairs: string[] = [];
  const sentences: string[][] = [];
  for (const sentence of material.sentences) {
    const words = wordsOf(sentence);
    sentences.push(sentence.split(/\s+/));
    words.forEach((word, i) => {
      if (!isContent(word)) return;
      tokens.push(word);
      const next = words[i + 1];
      if (next && isContent(next)) pairs.push(`${word} ${next}`);
    });
  }
  const known = new Set<string>(lexicon);
  for (const sentence of material.sentences) for (const word of wordsOf(sentence)) known.add(word);
  // Only the top of the invented lexicon: words common enough to occur in most corpus sizes.
  return { tokens, pairs, sentences, lexicon, zipf: new Zipf(Math.min(3_000, lexicon.length), 1), known };
}

function draw(kind: QueryKind, p: Pools, rng: Rng): string {
  switch (kind) {
    case 'one-word':
      return rng.chance(0.8) ? rng.pick(p.tokens) : p.lexicon[p.zipf.sample(rng)]!;
    case 'two-word':
      return rng.chance(0.85) ? rng.pick(p.pairs) : `${rng.pick(p.tokens)} ${p.lexicon[p.zipf.sample(rng)]!}`;
    case 'typo':
      return typo(rng.chance(0.6) ? rng.pick(p.tokens) : rng.pick(p.pairs), rng);
    case 'unknown': {
      let word = inventUnknownWord(rng);
      while (p.known.has(word)) word = inventUnknownWord(rng);
      return rng.chance(0.3) ? `${word} ${inventUnknownWord(rng)}` : word;
    }
    case 'phrase': {
      const words = rng.pick(p.sentences.filter((s) => s.length >= 6));
      const length = rng.range(3, 6);
      const start = rng.int(words.length - length + 1);
      return words
        .slice(start, start + length)
        .join(' ')
        .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    }
    case 'named':
      return rng.pick(NAMED_TOPICS);
  }
}

function build(mix: Partial<Record<QueryKind, number>>, p: Pools, rng: Rng, named: boolean): Query[] {
  const queries: Query[] = named ? NAMED_TOPICS.map((text) => ({ text, kind: 'named' as const })) : [];
  const seen = new Set(queries.map((q) => q.text.toLowerCase()));
  for (const [kind, count] of Object.entries(mix) as Array<[QueryKind, number]>) {
    let made = 0;
    for (let attempt = 0; made < count && attempt < count * 50; attempt++) {
      const text = draw(kind, p, rng);
      if (!text || seen.has(text.toLowerCase())) continue;
      seen.add(text.toLowerCase());
      queries.push({ text, kind });
      made += 1;
    }
  }
  return rng.shuffle(queries);
}

/** The workload for a seed: ≥ 200 `quote` queries and ≥ 50 each for `positions` and `contrast`. */
export function buildWorkload(material: SourceMaterial, lexicon: readonly string[], seed: string): Workload {
  const p = pools(material, lexicon);
  const quote = build(QUOTE_MIX, p, new Rng(seed, 'queries', 'quote'), true);
  const positions = build(TOPIC_MIX, p, new Rng(seed, 'queries', 'positions'), true);
  const contrast = build(TOPIC_MIX, p, new Rng(seed, 'queries', 'contrast'), true);
  const measured = new Set([...quote, ...positions, ...contrast].map((q) => q.text.toLowerCase()));
  const fresh = (queries: Query[], n: number): Query[] =>
    queries.filter((q) => !measured.has(q.text.toLowerCase())).slice(0, n);
  const warmupRng = new Rng(seed, 'queries', 'warmup');
  return {
    quote,
    positions,
    contrast,
    warmup: {
      quote: fresh(build(QUOTE_MIX, p, warmupRng, false), 150),
      positions: fresh(build(TOPIC_MIX, p, warmupRng, false), 20),
      contrast: fresh(build(TOPIC_MIX, p, warmupRng, false), 20),
    },
  };
}

/** `n` queries for the naive baseline, taken round-robin across kinds so even 3 queries are a mix. */
export function baselineQueries(quote: readonly Query[], n: number): Query[] {
  const order: QueryKind[] = ['one-word', 'two-word', 'typo', 'phrase', 'named', 'unknown'];
  const byKind = new Map(order.map((kind) => [kind, quote.filter((q) => q.kind === kind)]));
  const picked: Query[] = [];
  for (let round = 0; picked.length < n && round < quote.length; round++) {
    for (const kind of order) {
      const next = byKind.get(kind)?.[round];
      if (next && picked.length < n) picked.push(next);
    }
  }
  return picked;
}
