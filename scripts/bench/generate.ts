import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Rng, Zipf } from './prng.js';
import type { SourceMaterial } from './sources.js';
import { capitalise, FUNCTION_WORDS, GLUE, inventLexicon, wordsOf } from './words.js';

/**
 * Reproducible benchmark corpora: N Markdown documents of ~1,500 words, with front matter and `## `
 * sections, made of the real essays' sentences and paragraphs (verbatim, or with some words swapped for
 * invented ones) and synthetic sentences mixing real and invented words. Invented words are drawn from
 * a Zipf distribution over a large lexicon, so the vocabulary keeps growing with the corpus as a real
 * reading list's does. Document i depends only on the seed, i and the source essays: the first 100
 * documents of corpus-1000 are corpus-100.
 */

/** Bump when the output of the generator changes, so stale `.bench/corpus-N/` folders are rebuilt. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 'parley-bench';

const LEXICON_SIZE = 150_000;
const ZIPF_EXPONENT = 1.0;
const WORDS_PER_DOCUMENT: [number, number] = [1_350, 1_650];

/** How sentences are made: verbatim from an essay, an essay sentence with invented words swapped in, or synthetic. */
const VERBATIM_SENTENCE = 0.45;
const ALTERED_SENTENCE = 0.25;
/** Share of content words swapped for invented ones in an altered sentence. */
const ALTERED_WORD = 0.35;
/** Share of content words that are invented in a synthetic sentence. */
const SYNTHETIC_INVENTED = 0.5;
/** Share of paragraphs copied whole from an essay. */
const VERBATIM_PARAGRAPH = 0.2;

export interface GeneratedCorpus {
  size: number;
  dir: string;
  generatorVersion: number;
  seed: string;
  sourceOrigin: SourceMaterial['origin'];
  sourceHash: string;
  files: number;
  /** Words of the documents' bodies (paragraphs and headings), as the analyzer's tokenizer counts them. */
  words: number;
  /** Distinct lower-cased words of the bodies. */
  distinctWords: number;
  bytes: number;
  generateMs: number;
  /** True when an existing folder with the same generator version, seed and sources was reused. */
  reused: boolean;
}

export interface Generator {
  readonly seed: string;
  readonly material: SourceMaterial;
  readonly lexicon: readonly string[];
  /** One document: its file name and full text. */
  document(index: number): { fileName: string; text: string; bodyWords: string[] };
}

interface Context {
  seed: string;
  material: SourceMaterial;
  lexicon: string[];
  zipf: Zipf;
  /** Every content-word token of the essays: picking uniformly from it is picking by frequency. */
  realTokens: string[];
}

function isContentWord(word: string): boolean {
  return word.length >= 4 && !FUNCTION_WORDS.has(word) && /^\p{L}+$/u.test(word);
}

function invented(ctx: Context, rng: Rng): string {
  return ctx.lexicon[ctx.zipf.sample(rng)]!;
}

function keepCase(model: string, word: string): string {
  return /^\p{Lu}/u.test(model) ? capitalise(word) : word;
}

function alteredSentence(ctx: Context, rng: Rng): string {
  return rng
    .pick(ctx.material.sentences)
    .replace(/\p{L}+/gu, (word) =>
      isContentWord(word.toLowerCase()) && rng.chance(ALTERED_WORD)
        ? keepCase(word, invented(ctx, rng))
        : word,
    );
}

function syntheticSentence(ctx: Context, rng: Rng): string {
  const length = rng.range(8, 24);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    if (i > 0 && i < length - 1 && rng.chance(0.45)) words.push(rng.pick(GLUE));
    else words.push(rng.chance(SYNTHETIC_INVENTED) ? invented(ctx, rng) : rng.pick(ctx.realTokens));
    if (i > 3 && i < length - 3 && rng.chance(0.06)) words[words.length - 1] += ',';
  }
  return `${capitalise(words.join(' '))}${rng.chance(0.08) ? '?' : '.'}`;
}

function sentence(ctx: Context, rng: Rng): string {
  const roll = rng.next();
  if (roll < VERBATIM_SENTENCE) return rng.pick(ctx.material.sentences);
  if (roll < VERBATIM_SENTENCE + ALTERED_SENTENCE) return alteredSentence(ctx, rng);
  return syntheticSentence(ctx, rng);
}

function paragraph(ctx: Context, rng: Rng): string {
  if (rng.chance(VERBATIM_PARAGRAPH)) return rng.pick(ctx.material.paragraphs).join(' ');
  const count = rng.range(2, 6);
  const sentences: string[] = [];
  for (let i = 0; i < count; i++) sentences.push(sentence(ctx, rng));
  return sentences.join(' ');
}

function heading(ctx: Context, rng: Rng): string {
  if (ctx.material.headings.length > 0 && rng.chance(0.5)) return rng.pick(ctx.material.headings);
  const a = capitalise(invented(ctx, rng));
  const real = rng.pick(ctx.realTokens);
  switch (rng.int(4)) {
    case 0:
      return `The ${a} ${real}`;
    case 1:
      return `${a} and ${capitalise(invented(ctx, rng))}`;
    case 2:
      return `Why ${real} is not ${invented(ctx, rng)}`;
    default:
      return `${capitalise(real)} after ${a}`;
  }
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

function document(ctx: Context, index: number): { fileName: string; text: string; bodyWords: string[] } {
  const rng = new Rng(ctx.seed, 'document', index);
  const title = `${capitalise(ctx.lexicon[rng.int(20_000)]!)} ${rng.pick(ctx.realTokens)}: ${heading(ctx, rng)}`;
  const front = ['---', `title: ${JSON.stringify(title)}`];
  if (rng.chance(0.7)) {
    const name = `${capitalise(ctx.lexicon[rng.range(500, 60_000)]!)} ${capitalise(ctx.lexicon[rng.range(500, 60_000)]!)}`;
    front.push(`author: ${JSON.stringify(name)}`);
  }
  if (rng.chance(0.6)) front.push(`source: "https://example.org/bench/${index + 1}"`);
  if (rng.chance(0.8)) {
    const day = new Date(Date.UTC(2019, 0, 1) + rng.int(6 * 365) * 86_400_000).toISOString().slice(0, 10);
    front.push(`published: "${day}"`);
  }
  if (rng.chance(0.5)) front.push(`summary: ${JSON.stringify(rng.pick(ctx.material.sentences))}`);
  front.push('---', '');

  const target = rng.range(...WORDS_PER_DOCUMENT);
  const sections = rng.range(3, 6);
  const body: string[] = [];
  const bodyWords: string[] = [];
  const add = (text: string): void => {
    body.push(text, '');
    for (const word of wordsOf(text)) bodyWords.push(word);
  };
  const furnitureAfter = ctx.material.furniture.length > 0 && rng.chance(0.08) ? rng.range(1, 6) : -1;
  let paragraphs = 0;
  const addParagraph = (): void => {
    add(paragraph(ctx, rng));
    paragraphs += 1;
    if (paragraphs === furnitureAfter) body.push(rng.pick(ctx.material.furniture), '');
  };
  const intro = rng.range(1, 2);
  for (let i = 0; i < intro; i++) addParagraph();
  for (let s = 0; s < sections; s++) {
    add(`## ${heading(ctx, rng)}`);
    const sectionEnd = Math.round(target * ((s + 1) / sections));
    do addParagraph();
    while (bodyWords.length < sectionEnd);
  }
  const stem = `d${String(index + 1).padStart(5, '0')}`;
  const name = slug(title);
  return {
    fileName: `${stem}${name ? `-${name}` : ''}.md`,
    text: `${front.join('\n')}${body.join('\n').trimEnd()}\n`,
    bodyWords,
  };
}

const lexicons = new Map<string, string[]>();

/** The generator for a seed and source material (the lexicon is built once per seed and material). */
export function createGenerator(material: SourceMaterial, seed = DEFAULT_SEED): Generator {
  const realTokens = material.sentences.flatMap((s) => wordsOf(s)).filter(isContentWord);
  const key = `${seed}\u0000${material.hash}`;
  let lexicon = lexicons.get(key);
  if (!lexicon) {
    const avoid = new Set(material.sentences.flatMap((s) => wordsOf(s)));
    lexicon = inventLexicon(LEXICON_SIZE, seed, avoid);
    lexicons.set(key, lexicon);
  }
  const ctx: Context = { seed, material, lexicon, zipf: new Zipf(LEXICON_SIZE, ZIPF_EXPONENT), realTokens };
  return { seed, material, lexicon, document: (index) => document(ctx, index) };
}

/** Writes `size` documents into `dir` (replacing it) and returns what was written. */
export function generateCorpus(generator: Generator, size: number, dir: string): GeneratedCorpus {
  const started = performance.now();
  const temporary = `${dir}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  const distinct = new Set<string>();
  let words = 0;
  let bytes = 0;
  for (let i = 0; i < size; i++) {
    const { fileName, text, bodyWords } = generator.document(i);
    writeFileSync(path.join(temporary, fileName), text);
    bytes += Buffer.byteLength(text);
    words += bodyWords.length;
    for (const word of bodyWords) distinct.add(word);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(temporary, dir);
  return {
    size,
    dir,
    generatorVersion: GENERATOR_VERSION,
    seed: generator.seed,
    sourceOrigin: generator.material.origin,
    sourceHash: generator.material.hash,
    files: size,
    words,
    distinctWords: distinct.size,
    bytes,
    generateMs: Math.round(performance.now() - started),
    reused: false,
  };
}

/** `.bench/corpus-N/`, generated unless it is already there from the same generator version, seed and sources. */
export function ensureCorpus(generator: Generator, size: number, benchDir: string): GeneratedCorpus {
  const dir = path.join(benchDir, `corpus-${size}`);
  const markerFile = path.join(benchDir, `corpus-${size}.json`);
  if (existsSync(markerFile) && existsSync(dir)) {
    try {
      const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as GeneratedCorpus;
      if (
        marker.generatorVersion === GENERATOR_VERSION &&
        marker.seed === generator.seed &&
        marker.sourceHash === generator.material.hash &&
        marker.size === size
      ) {
        return { ...marker, dir, reused: true };
      }
    } catch {
      // An unreadable marker means a rebuild.
    }
  }
  rmSync(markerFile, { force: true });
  const generated = generateCorpus(generator, size, dir);
  writeFileSync(markerFile, `${JSON.stringify({ ...generated, dir: path.basename(dir) }, null, 2)}\n`);
  return generated;
}
