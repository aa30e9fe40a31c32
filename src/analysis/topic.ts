import type { Sentence } from '../corpus/types.js';
import { analyse, stem } from '../search/analyzer.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { RELATED, RELATED_WEIGHT, STEM_FALSE_FRIENDS } from './lexicon.js';
import { sentenceMemo } from './sentence-memo.js';

/**
 * A topic as the analysis sees it: one concept per query word (as the index understood it, typos
 * corrected), each concept the stems that stand for it (its own word, weight 1; thesaurus relations,
 * RELATED_WEIGHT), weighted by how rare it is, so "guarantees" counts for more than "security".
 */

export interface Concept {
  typed: string;
  /** The corpus words the index matched the typed word to, with their weight (1 unless a typo correction). */
  exact: Map<string, number>;
  /** Words standing for the concept by thesaurus relation (RELATED), with their weight. */
  related: Map<string, number>;
  /** stem → the exact or related words of that stem: other words of the family match through them. */
  families: Map<string, Array<{ word: string; weight: number }>>;
  /** Corpus words that share a stem with the typed word but are a different word ("moral" for "morale"). */
  falseFriends: Set<string>;
  /** Relative weight of the concept: rarer words say more about the topic. */
  idf: number;
}

/**
 * A cheap test before tokenising: lower-cased prefixes (up to five letters) of every word and stem that
 * can stand for the topic. A sentence containing none of them cannot match, and is skipped.
 */
export interface Probe {
  prefixes: string[];
}

const PROBE_LENGTH = 5;

export function probeOf(concepts: readonly Concept[]): Probe {
  const prefixes = new Set<string>();
  for (const concept of concepts) {
    for (const word of [...concept.exact.keys(), ...concept.related.keys(), ...concept.families.keys()]) {
      prefixes.add(word.slice(0, PROBE_LENGTH));
    }
  }
  return { prefixes: [...prefixes] };
}

const PLAIN = /^[\u0020-\u007e‘’“”—–…]*$/u;

export function mayMention(probe: Probe, text: string): boolean {
  // Text with accented letters is normalised differently from its lower-case form: always analysed.
  if (!PLAIN.test(text)) return true;
  const lower = text.toLowerCase();
  return probe.prefixes.some((prefix) => lower.includes(prefix));
}

export interface Topicality {
  /** 0–1: how squarely the sentence is on the topic (idf-weighted share of the concepts it states). */
  score: number;
  /** States every concept (or, for topics of three or more words, most of them): squarely on the topic. */
  anchor: boolean;
  /** An anchor that names every concept in its own words (or their inflections), not a related word. */
  direct: boolean;
  /** Positions (in `words(text)`) of the words that state the topic. */
  positions: number[];
}

/** Another inflection of a matched word (guarantee → guarantees) counts almost fully… */
const INFLECTION_WEIGHT = 0.9;
/** …a derivation sharing its stem (secure → security, negotiated → negotiations) counts half. */
const DERIVATION_WEIGHT = 0.5;
const INFLECTIONS = ['', 's', 'es', 'ed', 'd', 'ing', "'s", "s'"];

/** Whether two words are the same word inflected (plural, past, -ing, possessive) rather than derived. */
function isInflection(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const base = short.replace(/e$/, '');
  const yBase = short.replace(/y$/, 'i');
  return INFLECTIONS.some(
    (ending) =>
      long === short + ending ||
      (base !== short && long === base + ending) ||
      (yBase !== short && long === `${yBase}es`),
  );
}

export function topicConcepts(index: CorpusIndex, topic: string): Concept[] {
  return conceptsOf(index, index.understand(topic));
}

/** Concepts from the query as the index understood it (`search(…).understood`, or `understand`). */
export function conceptsOf(
  index: CorpusIndex,
  understood: ReadonlyArray<{ typed: string; matches: ReadonlyArray<{ word: string; weight: number }> }>,
): Concept[] {
  const vocabulary = index.vocabulary;
  const sentences = Math.max(1, index.sentenceCount);
  return understood
    .filter((group) => group.matches.length > 0)
    .map((group) => {
      const exact = new Map(group.matches.map((m) => [m.word, m.weight]));
      const best = Math.max(...group.matches.map((m) => m.weight));
      const typedWords = group.typed.split(' ');
      const related = new Map<string, number>();
      for (const word of [...typedWords, ...exact.keys()]) {
        for (const r of RELATED[word] ?? []) if (!exact.has(r)) related.set(r, RELATED_WEIGHT * best);
      }
      const families = new Map<string, Array<{ word: string; weight: number }>>();
      for (const [word, weight] of [...exact, ...related]) {
        const key = stem(word);
        const list = families.get(key) ?? [];
        list.push({ word, weight });
        families.set(key, list);
      }
      let occurrences = 0;
      for (const word of exact.keys()) occurrences += vocabulary.count(word);
      const falseFriends = new Set(typedWords.flatMap((w) => STEM_FALSE_FRIENDS[w] ?? []));
      const idf = Math.max(1, Math.log(1 + sentences / (occurrences + 1)));
      return { typed: group.typed, exact, related, families, falseFriends, idf };
    });
}

/** How strongly one word of a sentence stands for the concept (0 when it does not). */
function wordWeight(concept: Concept, word: string, wordStem: string): number {
  const exact = concept.exact.get(word);
  if (exact !== undefined) return exact;
  let best = concept.related.get(word) ?? 0;
  const family = concept.families.get(wordStem);
  if (!family || concept.falseFriends.has(word)) return best;
  for (const member of family) {
    const isExact = concept.exact.has(member.word);
    const weight = isInflection(word, member.word)
      ? member.weight * (isExact ? INFLECTION_WEIGHT : 1)
      : isExact
        ? member.weight * DERIVATION_WEIGHT
        : 0;
    if (weight > best) best = weight;
  }
  return best;
}

/** Every word of the topic's concepts, for a second search that finds the related words too. */
export function relatedQuery(index: CorpusIndex, concepts: readonly Concept[]): string {
  const words = new Set<string>();
  for (const concept of concepts) for (const word of concept.related.keys()) words.add(word);
  return [...words].filter((w) => index.vocabulary.hasWord(w)).join(' ');
}

export interface AnalysedSentence {
  stems: string[];
  words: string[];
  /** Position of each token among all the words of the sentence (`words(text)`). */
  positions: number[];
}

/** Analysed sentences, remembered per index across queries, so a document is tokenised once. */
export const analysedSentence: (index: CorpusIndex, sentence: Sentence) => AnalysedSentence = sentenceMemo(
  (sentence) => {
    const tokens = analyse(sentence.text);
    return {
      stems: tokens.map((t) => t.stem),
      words: tokens.map((t) => t.word),
      positions: tokens.map((t) => t.position),
    };
  },
);

/** Sentences much longer than this mention a topic in passing more often than they state a view on it. */
const LONG_SENTENCE = 30;

export function topicality(index: CorpusIndex, concepts: readonly Concept[], sentence: Sentence): Topicality {
  if (concepts.length === 0) return { score: 0, anchor: false, direct: false, positions: [] };
  const { stems, words, positions } = analysedSentence(index, sentence);
  let covered = 0;
  let total = 0;
  let stated = 0;
  let named = 0;
  const at: number[] = [];
  for (const concept of concepts) {
    let best = 0;
    for (let k = 0; k < stems.length; k++) {
      const weight = wordWeight(concept, words[k]!, stems[k]!);
      if (weight > 0) at.push(positions[k]!);
      if (weight > best) best = weight;
    }
    covered += concept.idf * best;
    total += concept.idf;
    if (best >= RELATED_WEIGHT * 0.99) stated += 1;
    if (best >= INFLECTION_WEIGHT * 0.99 * Math.max(...concept.exact.values())) named += 1;
  }
  const coverage = covered / total;
  const length = stems.length > LONG_SENTENCE ? Math.sqrt(LONG_SENTENCE / stems.length) : 1;
  const needed = concepts.length >= 3 ? Math.ceil(concepts.length * 0.66) : concepts.length;
  const anchor = stated >= needed && stems.length >= 3;
  return {
    score: coverage * length,
    anchor,
    direct: anchor && named >= needed,
    positions: at.sort((a, b) => a - b),
  };
}
