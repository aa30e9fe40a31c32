import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The real text the generated corpora are made of: the project's own `corpus/` when it holds documents
 * (it always ships with the repository), else the raw essays in `../shared/seeds/`.
 */

export interface SourceMaterial {
  origin: 'corpus' | 'seeds';
  dir: string;
  files: string[];
  /** sha256 of the file names and contents: a generated corpus is reused only for the same material. */
  hash: string;
  /** The authors' prose paragraphs, each split into sentences. */
  paragraphs: string[][];
  /** Every sentence of `paragraphs`, flattened. */
  sentences: string[];
  /** Section headings of the essays. */
  headings: string[];
  /** Scraped site furniture (newsletter prompts, cross-links...), sprinkled in as real scraped pages have it. */
  furniture: string[];
}

const FURNITURE = [
  /\bsubscribe\b/i,
  /\bnewsletter\b/i,
  /^members are reading\b/i,
  /^in focus\b/i,
  /^[—–-]+$/,
  /\bwe believe you deserve to verify\b/i,
  /\bsign up\b/i,
  /^\p{Lu}\p{L}+, \p{Lu}\p{L}+$/u, // a dateline such as "Kyiv, Ukraine"
];
const TERMINAL = /[.!?…]["”’)\]]*$/;
const ABBREVIATIONS = new Set(
  'mr mrs ms dr st vs etc e.g i.e u.s u.k u.n prof gen col lt sgt jr sr no approx dept est'.split(' '),
);

function isFurniture(line: string): boolean {
  return FURNITURE.some((pattern) => pattern.test(line.trim()));
}

/** A line that reads as a heading: short, several words, no closing punctuation. */
function isHeading(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return line.length <= 80 && words.length >= 2 && !TERMINAL.test(line) && !/[:,;]$/.test(line);
}

function isProse(line: string): boolean {
  return line.length >= 60 && TERMINAL.test(line) && !isFurniture(line);
}

/** Splits prose into sentences: at . ! ? … (and closing quotes) before a capital, except after abbreviations. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  const boundary = /([.!?…]+["”’)\]]*)\s+(?=["“‘(]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const match of paragraph.matchAll(boundary)) {
    const end = match.index + match[1]!.length;
    const before = paragraph.slice(start, end);
    const lastWord = /([\p{L}.]+)\.["”’)\]]*$/u.exec(before)?.[1]?.toLowerCase() ?? '';
    if (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord)) continue;
    sentences.push(before.trim());
    start = match.index + match[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** Lines of a Markdown document body, without front matter; `## ` headings kept as headings. */
function markdownBlocks(text: string): Array<{ heading: string } | { paragraph: string }> {
  let body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const frontMatter = /^---\n[\s\S]*?\n---\n/.exec(body);
  if (frontMatter) body = body.slice(frontMatter[0].length);
  const blocks: Array<{ heading: string } | { paragraph: string }> = [];
  for (const chunk of body.split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    // Hard-wrapped paragraphs are joined; one-paragraph-per-line blocks stay apart.
    const separate = lines.every(
      (l) => /^#+\s/.test(l) || TERMINAL.test(l) || isHeading(l) || isFurniture(l),
    );
    const units = separate ? lines : [lines.join(' ')];
    for (const unit of units) {
      const heading = /^#{1,6}\s+(.*)$/.exec(unit);
      if (heading) blocks.push({ heading: heading[1]!.trim() });
      else blocks.push({ paragraph: unit.replace(/^>\s?/, '') });
    }
  }
  return blocks;
}

function textBlocks(text: string): Array<{ heading: string } | { paragraph: string }> {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => (isHeading(line) && !isFurniture(line) ? { heading: line } : { paragraph: line }));
}

function listFiles(dir: string, extensions: string[]): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => extensions.includes(path.extname(name).toLowerCase()))
    .sort();
}

/** Where the source essays are: `corpus/` if it has documents, else `../shared/seeds/`. */
export function locateSources(root: string): { origin: 'corpus' | 'seeds'; dir: string; files: string[] } {
  const corpusDir = path.join(root, 'corpus');
  const corpusFiles = listFiles(corpusDir, ['.md', '.txt']);
  if (corpusFiles.length > 0) return { origin: 'corpus', dir: corpusDir, files: corpusFiles };
  const seedsDir = path.resolve(root, '..', 'shared', 'seeds');
  const seedFiles = listFiles(seedsDir, ['.txt']);
  if (seedFiles.length > 0) return { origin: 'seeds', dir: seedsDir, files: seedFiles };
  throw new Error(
    `No source essays found: ${corpusDir} has no .md or .txt documents and ${seedsDir} has no .txt files. ` +
      'Put the bundled corpus back in corpus/ (git checkout corpus) and run the bench again.',
  );
}

export function readSources(root: string): SourceMaterial {
  const { origin, dir, files } = locateSources(root);
  const hash = createHash('sha256');
  const paragraphs: string[][] = [];
  const headings = new Set<string>();
  const furniture = new Set<string>();
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    hash.update(file).update('\u0000').update(text).update('\u0000');
    const blocks = file.toLowerCase().endsWith('.md') ? markdownBlocks(text) : textBlocks(text);
    let inComments = false;
    for (const block of blocks) {
      if ('heading' in block) {
        inComments = /comment/i.test(block.heading);
        if (!inComments && isHeading(block.heading)) headings.add(block.heading);
        continue;
      }
      if (inComments) continue;
      const line = block.paragraph;
      if (isFurniture(line)) {
        if (line.length > 1) furniture.add(line);
        continue;
      }
      if (!isProse(line)) continue;
      const sentences = splitSentences(line).filter((s) => /\p{L}/u.test(s));
      if (sentences.length > 0) paragraphs.push(sentences);
    }
  }
  if (paragraphs.length === 0) throw new Error(`No prose paragraphs found in ${dir}.`);
  return {
    origin,
    dir,
    files,
    hash: hash.digest('hex'),
    paragraphs,
    sentences: paragraphs.flat(),
    headings: [...headings],
    furniture: [...furniture],
  };
}
