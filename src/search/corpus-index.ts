import type { Corpus, CorpusDocument, Paragraph, Sentence, SentenceKind } from '../corpus/types.js';
import { detached } from '../corpus/detached.js';
import { analyse, isContentWord, stem, words as wordsOf } from './analyzer.js';
import { Postings } from './postings.js';
import { topK } from './top-k.js';
import { DocumentFinder } from './documents-finder.js';
import { TopicSuggester } from './topic-suggester.js';
import { TopicCollector, type Topic } from './topics.js';
import { Vocabulary, type WordMatch } from './vocabulary.js';

export interface SearchHit {
  sentence: Sentence;
  score: number;
}

export interface SearchRequest {
  limit: number;
  offset?: number;
  docId?: string;
  kinds?: SentenceKind[];
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** Every sentence that matched at least one query word. */
  total: number;
  /** The query as understood: each query word and the corpus words it was matched to. */
  understood: Array<{ typed: string; matches: WordMatch[] }>;
}

/** Which sentences a search may return: kinds as a bit mask, and one document's index or -1 for all. */
interface SentenceFilter {
  kindMask: number;
  onlyDocument: number;
}

/** One concept of the query: the corpus words that stand for one typed word (or a joined pair). */
interface QueryGroup {
  typed: string;
  matches: WordMatch[];
}

/** A query word in more sentences than this (and this share of them) only re-weighs what rarer words found. */
const COMMON_WORD_MIN_POSTINGS = 5_000;
const COMMON_WORD_SHARE = 0.02;

const INFLECTIONS = ['', 's', 'es', 'ed', 'd', 'ing', "'s", "s'"];

/** Whether two words are the same word inflected (plural, past, -ing, possessive) rather than derived. */
function isInflection(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const base = short.replace(/e$/, '');
  return INFLECTIONS.some((ending) => long === short + ending || (base !== short && long === base + ending));
}

/** Sentences indexed between two pauses of `buildAsync` (a few tens of milliseconds of work). */
const BUILD_SLICE = 5_000;

const KIND_CODES: Record<SentenceKind, number> = { author: 0, comment: 1, quotation: 2 };
const BM25_K1 = 1.2;
const BM25_B = 0.6;
/** How much a sentence's neighbours in the same paragraph lend it: a sentence inside an on-topic paragraph is rarely off-topic. */
const PARAGRAPH_CONTEXT_WEIGHT = 0.25;
/** Each further quote from an already-represented document is worth this much less, so results spread across authors. */
const SAME_DOCUMENT_DECAY = 0.8;
/** Other forms of a typed word count a little less than the form typed when they inflect it (guarantee → guarantees)… */
const INFLECTION_WEIGHT = 0.9;
/** …and half when they only share its stem (territory → territorial; "morale" is not "moral"). */
const DERIVATION_WEIGHT = 0.5;
/** A neighbour of a strong match, in the same paragraph, scores this fraction of that match. */
const NEIGHBOUR_WEIGHT = 0.2;
/** Sentences this short rarely make a quotable statement on their own. */
const SHORT_SENTENCE_TOKENS = 4;

/**
 * The searchable corpus: BM25 over sentences with stems from the shared analyzer, typo-tolerant
 * mapping of query words onto the vocabulary (fuse.js), topics and titles for autocomplete.
 */
export class CorpusIndex {
  private readonly documentIndexOf: Int32Array;
  private readonly paragraphOf: Int32Array;
  private readonly kindOf: Uint8Array;
  private readonly tokenCount: Uint16Array;
  private readonly averageTokens: number;
  private readonly scratchBest: Float32Array;
  private readonly scratchTotal: Float32Array;
  private readonly scratchCoverage: Float32Array;
  private readonly scratchWeight: Float32Array;
  private readonly scratchTouched: Int32Array;
  private readonly scratchGroupTouched: Int32Array;
  private readonly scratchParagraphs: Int32Array;
  private readonly scratchParagraphBest: Float32Array;
  private readonly scratchParagraphSum: Float32Array;
  private readonly topicSuggester: TopicSuggester;
  private readonly documentFinder: DocumentFinder;

  private constructor(
    readonly corpus: Corpus,
    readonly vocabulary: Vocabulary,
    private readonly postings: Postings,
    stats: {
      documentIndexOf: Int32Array;
      paragraphOf: Int32Array;
      kindOf: Uint8Array;
      tokenCount: Uint16Array;
    },
    mainTopics: Topic[],
  ) {
    this.documentIndexOf = stats.documentIndexOf;
    this.paragraphOf = stats.paragraphOf;
    this.kindOf = stats.kindOf;
    this.tokenCount = stats.tokenCount;
    let sum = 0;
    for (const n of this.tokenCount) sum += n;
    this.averageTokens = Math.max(1, sum / Math.max(1, this.tokenCount.length));
    const n = corpus.sentenceCount;
    this.scratchBest = new Float32Array(n);
    this.scratchTotal = new Float32Array(n);
    this.scratchCoverage = new Float32Array(n);
    this.scratchWeight = new Float32Array(n);
    this.scratchTouched = new Int32Array(n);
    this.scratchGroupTouched = new Int32Array(n);
    const paragraphCount = n === 0 ? 0 : this.paragraphOf[n - 1]! + 1;
    this.scratchParagraphs = new Int32Array(paragraphCount);
    this.scratchParagraphBest = new Float32Array(paragraphCount);
    this.scratchParagraphSum = new Float32Array(paragraphCount);
    this.topicSuggester = new TopicSuggester(mainTopics, vocabulary);
    this.documentFinder = new DocumentFinder(corpus.documents);
  }

  static build(corpus: Corpus): CorpusIndex {
    const steps = CorpusIndex.buildInSlices(corpus);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }

  /**
   * The same build, pausing every few thousand sentences so a running bot keeps answering interactions
   * while a large corpus is re-indexed.
   */
  static async buildAsync(corpus: Corpus): Promise<CorpusIndex> {
    const steps = CorpusIndex.buildInSlices(corpus);
    let step = steps.next();
    while (!step.done) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      step = steps.next();
    }
    return step.value;
  }

  private static *buildInSlices(corpus: Corpus): Generator<void, CorpusIndex, void> {
    const vocabulary = new Vocabulary();
    const n = corpus.sentenceCount;
    const bounds = new Int32Array(n + 1);
    const tokenCount = new Uint16Array(n);
    const documentIndexOf = new Int32Array(n);
    const paragraphOf = new Int32Array(n);
    const kindOf = new Uint8Array(n);
    let authored = 0;
    let characters = 0;
    for (const document of corpus.documents) {
      const measured = document.measure();
      authored += measured.authored;
      characters += measured.characters;
    }
    const topics = new TopicCollector(authored);
    // Sized from the text (about one content word per seven characters) so it rarely has to grow and copy.
    let flat = new Int32Array(Math.max(1024, Math.ceil(characters / 7)));
    let used = 0;
    let paragraphKey = -1;
    // One lookup per word occurrence: word → word id, or -1 for a stop word (stemming runs once per word).
    const wordIds = new Map<string, number>();
    const idOf = (word: string): number => {
      let id = wordIds.get(word);
      if (id === undefined) {
        // The word is a slice of its sentence: a copy keeps the sentence's text from living as long as the index.
        const own = detached(word);
        id = isContentWord(own) ? vocabulary.add(own, stem(own)) : -1;
        wordIds.set(own, id);
      } else if (id >= 0) vocabulary.addOccurrence(id);
      return id;
    };
    const ensureRoom = (extra: number): void => {
      if (used + extra <= flat.length) return;
      const grown = new Int32Array(Math.max(flat.length * 2, used + extra));
      grown.set(flat.subarray(0, used));
      flat = grown;
    };
    let s = 0;
    for (let d = 0; d < corpus.documents.length; d++) {
      let previous: Sentence | undefined;
      for (const sentence of corpus.documents[d]!.eachSentence()) {
        if (s % BUILD_SLICE === BUILD_SLICE - 1) yield;
        if (!previous || previous.paragraph !== sentence.paragraph) paragraphKey += 1;
        previous = sentence;
        paragraphOf[s] = paragraphKey;
        documentIndexOf[s] = d;
        kindOf[s] = KIND_CODES[sentence.kind];
        const start = used;
        if (sentence.kind === 'author' && topics.wantsNext()) {
          const tokens = analyse(sentence.text);
          topics.add(sentence.docId, tokens);
          ensureRoom(tokens.length);
          for (const token of tokens) flat[used++] = idOf(token.word);
        } else {
          const all = wordsOf(sentence.text);
          ensureRoom(all.length);
          for (const word of all) {
            const id = idOf(word);
            if (id >= 0) flat[used++] = id;
          }
        }
        tokenCount[s] = Math.min(65_535, used - start);
        bounds[s + 1] = used;
        s += 1;
      }
    }
    vocabulary.seal();
    const postings = Postings.build(vocabulary.size, flat.subarray(0, used), bounds);
    return new CorpusIndex(
      corpus,
      vocabulary,
      postings,
      {
        documentIndexOf,
        paragraphOf,
        kindOf,
        tokenCount,
      },
      topics.topics(corpus.documents.length),
    );
  }

  get sentenceCount(): number {
    return this.corpus.sentenceCount;
  }

  /** Sentence `id` of the indexed corpus. */
  sentence(id: number): Sentence | undefined {
    return this.corpus.sentence(id);
  }

  document(docId: string): CorpusDocument | undefined {
    return this.documentFinder.byDocId(docId);
  }

  paragraph(docId: string, number: number): Paragraph | undefined {
    return this.documentFinder.byDocId(docId)?.paragraph(number);
  }

  /** The query's words mapped onto the corpus vocabulary; a typed pair that the corpus writes as one word is joined. */
  understand(query: string): QueryGroup[] {
    const tokens = analyse(query);
    const groups: QueryGroup[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const next = tokens[i + 1];
      if (next && next.position === token.position + 1) {
        const joined = token.word + next.word;
        if (this.vocabulary.hasWord(joined)) {
          groups.push({ typed: `${token.word} ${next.word}`, matches: this.vocabulary.match(joined) });
          i += 1;
          continue;
        }
      }
      if (groups.some((g) => g.typed === token.word)) continue;
      groups.push({ typed: token.word, matches: this.vocabulary.match(token.word) });
    }
    return groups;
  }

  search(query: string, request: SearchRequest): SearchOutcome {
    const groups = this.understand(query);
    const offset = Math.max(0, request.offset ?? 0);
    const limit = Math.max(0, request.limit);
    let kindMask = 0;
    for (const kind of request.kinds ?? ['author']) kindMask |= 1 << KIND_CODES[kind];
    const onlyDocument =
      request.docId === undefined ? -1 : this.corpus.documents.findIndex((d) => d.docId === request.docId);
    if (request.docId !== undefined && onlyDocument < 0) return { hits: [], total: 0, understood: groups };
    const active = groups.filter((g) => g.matches.length > 0);
    if (active.length === 0) return { hits: [], total: 0, understood: groups };

    const filter: SentenceFilter = { kindMask, onlyDocument };
    const { matched, queryIdf } = this.matchGroups(active, filter);
    const paragraphCount = this.scoreMatches(matched, queryIdf);
    const candidates = this.addParagraphNeighbours(matched, paragraphCount, filter);

    const { scratchTotal: score, scratchTouched: touched } = this;
    const scoreOf = (s: number): number => score[s]!;
    const pool = topK(touched, candidates, scoreOf, Math.max(60, (offset + limit) * 3));
    const ranked = this.spreadAcrossDocuments(pool, scoreOf);
    for (let i = 0; i < candidates; i++) score[touched[i]!] = 0;
    const hits = ranked.slice(offset, offset + limit).map(({ sentence, value }) => ({
      sentence: this.corpus.sentence(sentence)!,
      score: Math.round(value * 1000) / 1000,
    }));
    return {
      hits,
      total: Math.max(matched, ranked.length),
      understood: groups,
    };
  }

  private accepts(s: number, { kindMask, onlyDocument }: SentenceFilter): boolean {
    return (
      ((kindMask >> this.kindOf[s]!) & 1) === 1 &&
      (onlyDocument < 0 || this.documentIndexOf[s] === onlyDocument)
    );
  }

  /**
   * BM25 of every matching sentence into `scratchTotal`, query coverage (in idf) into `scratchCoverage`,
   * the sentence ids into `scratchTouched`. Rarer words go first: once they have found sentences, a word
   * in a large share of the corpus only adds weight to those instead of bringing in 100,000 new ones.
   */
  private matchGroups(active: QueryGroup[], filter: SentenceFilter): { matched: number; queryIdf: number } {
    const { scratchTotal: total, scratchCoverage: covered, scratchTouched: touched } = this;
    const ordered = active
      .map((group) => this.alternatives(group))
      .map((alternatives) => ({ alternatives, postings: this.postingCount(alternatives) }))
      .sort((a, b) => a.postings - b.postings);
    const commonThreshold = Math.max(COMMON_WORD_MIN_POSTINGS, this.sentenceCount * COMMON_WORD_SHARE);
    let matched = 0;
    let queryIdf = 0;
    for (const { alternatives, postings } of ordered) {
      const refineOnly = matched > 0 && postings > commonThreshold;
      const { count, idf } = this.matchGroup(alternatives, filter, refineOnly);
      queryIdf += idf;
      const { scratchGroupTouched: groupTouched, scratchBest: best, scratchWeight: bestWeight } = this;
      for (let i = 0; i < count; i++) {
        const s = groupTouched[i]!;
        if (covered[s] === 0) touched[matched++] = s;
        total[s]! += best[s]!;
        // Coverage is counted in idf: missing a rare query word costs more than missing a common one.
        covered[s]! += idf * bestWeight[s]!;
        best[s] = 0;
        bestWeight[s] = 0;
      }
    }
    return { matched, queryIdf };
  }

  /** One query group's best BM25 per sentence into `scratchBest`; its sentences into `scratchGroupTouched`. */
  private matchGroup(
    alternatives: Map<number, number>,
    filter: SentenceFilter,
    refineOnly: boolean,
  ): { count: number; idf: number } {
    const { scratchBest: best, scratchWeight: bestWeight, scratchGroupTouched: groupTouched } = this;
    const { scratchCoverage: covered, kindOf, tokenCount, documentIndexOf } = this;
    const { sentences: postedSentences, frequencies } = this.postings;
    const { kindMask, onlyDocument } = filter;
    const lengthWeight = BM25_B / this.averageTokens;
    let count = 0;
    let groupIdf = 0;
    for (const [wordId, weight] of alternatives) {
      const df = this.postings.documentFrequency(wordId);
      if (df === 0) continue;
      const idf = this.idf(df);
      groupIdf = Math.max(groupIdf, idf);
      const numerator = weight * idf * (BM25_K1 + 1);
      const end = this.postings.end(wordId);
      for (let p = this.postings.start(wordId); p < end; p++) {
        const s = postedSentences[p]!;
        if (((kindMask >> kindOf[s]!) & 1) === 0) continue;
        if (onlyDocument >= 0 && documentIndexOf[s] !== onlyDocument) continue;
        if (refineOnly && covered[s] === 0) continue;
        const tf = frequencies[p]!;
        const score = (numerator * tf) / (tf + BM25_K1 * (1 - BM25_B + lengthWeight * tokenCount[s]!));
        if (best[s] === 0) groupTouched[count++] = s;
        if (score > best[s]!) best[s] = score;
        if (weight > bestWeight[s]!) bestWeight[s] = weight;
      }
    }
    return { count, idf: groupIdf };
  }

  /**
   * Turns each matched sentence's BM25 into its score in place (coverage, brevity, a lift from matching
   * neighbours in its paragraph); paragraph sums go to their scratch arrays. Returns how many paragraphs.
   */
  private scoreMatches(matched: number, queryIdf: number): number {
    const { scratchTotal: score, scratchCoverage: covered, scratchTouched: touched, tokenCount } = this;
    const { scratchParagraphBest: paragraphBest, scratchParagraphSum: paragraphSum } = this;
    const paragraphs = this.scratchParagraphs;
    let paragraphCount = 0;
    for (let i = 0; i < matched; i++) {
      const s = touched[i]!;
      const brevity = tokenCount[s]! < SHORT_SENTENCE_TOKENS ? 0.6 : 1;
      const value = score[s]! * (covered[s]! / queryIdf) * brevity;
      score[s] = value;
      covered[s] = 0;
      const key = this.paragraphOf[s]!;
      if (paragraphSum[key] === 0) paragraphs[paragraphCount++] = key;
      paragraphSum[key]! += value;
      if (value > paragraphBest[key]!) paragraphBest[key] = value;
    }
    for (let i = 0; i < matched; i++) {
      const s = touched[i]!;
      const own = score[s]!;
      const neighbours = paragraphSum[this.paragraphOf[s]!]! - own;
      score[s] = own + Math.min(own, PARAGRAPH_CONTEXT_WEIGHT * neighbours);
    }
    return paragraphCount;
  }

  private postingCount(alternatives: Map<number, number>): number {
    let count = 0;
    for (const wordId of alternatives.keys()) count += this.postings.documentFrequency(wordId);
    return count;
  }

  private idf(df: number): number {
    return Math.log(1 + (this.sentenceCount - df + 0.5) / (df + 0.5));
  }

  /** The words that stand for a query group, each with its weight: the word typed, then its family a little lower. */
  private alternatives(group: QueryGroup): Map<number, number> {
    const weights = new Map<number, number>();
    const offer = (wordId: number, weight: number) =>
      weights.set(wordId, Math.max(weights.get(wordId) ?? 0, weight));
    for (const match of group.matches) {
      offer(match.wordId, match.weight);
      for (const relative of this.vocabulary.relatives(match.wordId)) {
        const inflection = isInflection(match.word, this.vocabulary.words[relative]!);
        offer(relative, match.weight * (inflection ? INFLECTION_WEIGHT : DERIVATION_WEIGHT));
      }
    }
    return weights;
  }

  /**
   * A sentence that says "it" about the topic named in the sentence before still belongs to the answer:
   * the other sentences of a strongly matching paragraph join the candidates, well below the matches.
   * Clears the paragraph scratch arrays; returns the new number of candidates.
   */
  private addParagraphNeighbours(matched: number, paragraphCount: number, filter: SentenceFilter): number {
    const { scratchParagraphBest: paragraphBest, scratchParagraphSum: paragraphSum } = this;
    const { scratchTotal: score, scratchTouched: touched, scratchParagraphs: paragraphs } = this;
    let strongest = 0;
    for (let i = 0; i < paragraphCount; i++) strongest = Math.max(strongest, paragraphBest[paragraphs[i]!]!);
    let count = matched;
    for (let i = 0; i < matched; i++) {
      const s = touched[i]!;
      const key = this.paragraphOf[s]!;
      const best = paragraphBest[key]!;
      if (best < strongest * 0.5 || score[s]! < best) continue;
      for (let neighbour = s - 1; neighbour <= s + 1; neighbour += 2) {
        if (neighbour < 0 || neighbour >= this.sentenceCount || this.paragraphOf[neighbour] !== key) continue;
        if (score[neighbour]! > 0 || this.tokenCount[neighbour]! < SHORT_SENTENCE_TOKENS) continue;
        if (!this.accepts(neighbour, filter)) continue;
        score[neighbour] = best * NEIGHBOUR_WEIGHT;
        touched[count++] = neighbour;
      }
    }
    for (let i = 0; i < paragraphCount; i++) {
      paragraphBest[paragraphs[i]!] = 0;
      paragraphSum[paragraphs[i]!] = 0;
    }
    return count;
  }

  /**
   * Greedy re-ranking: each pick discounts the rest of its document, so several authors come up; the
   * discounted value is the score shown, so scores fall in rank order.
   */
  private spreadAcrossDocuments(
    pool: number[],
    scoreOf: (s: number) => number,
  ): Array<{ sentence: number; value: number }> {
    const queues = new Map<number, number[]>();
    for (const s of pool) {
      const d = this.documentIndexOf[s]!;
      const queue = queues.get(d);
      if (queue) queue.push(s);
      else queues.set(d, [s]);
    }
    const picked = new Map<number, number>();
    const ranked: Array<{ sentence: number; value: number }> = [];
    while (ranked.length < pool.length) {
      let bestDocument = -1;
      let bestValue = -Infinity;
      for (const [d, queue] of queues) {
        if (queue.length === 0) continue;
        const value = scoreOf(queue[0]!) * SAME_DOCUMENT_DECAY ** (picked.get(d) ?? 0);
        if (value > bestValue) [bestDocument, bestValue] = [d, value];
      }
      ranked.push({ sentence: queues.get(bestDocument)!.shift()!, value: bestValue });
      picked.set(bestDocument, (picked.get(bestDocument) ?? 0) + 1);
    }
    return ranked;
  }

  /** "Did you mean" suggestions for a query. */
  suggest(query: string, limit = 5): string[] {
    return this.topicSuggester.suggest(query, limit);
  }

  /** The most discussed topics, most discussed first. */
  topics(limit: number): string[] {
    return this.topicSuggester.topics(limit);
  }

  /** Topic autocomplete: exact, prefix, word prefix, typo-corrected, fuzzy. */
  completeTopic(typed: string, limit: number): string[] {
    return this.topicSuggester.complete(typed, limit);
  }

  /** A document by id or title (typos allowed); null when nothing is close. */
  findDocument(ref: string): CorpusDocument | null {
    return this.documentFinder.find(ref);
  }

  /** Document autocomplete: exact, prefix, fuzzy; the first documents before anything is typed. */
  completeDocument(typed: string, limit: number): CorpusDocument[] {
    return this.documentFinder.complete(typed, limit);
  }
}
