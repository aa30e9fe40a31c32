/**
 * Plain text (.txt) → paragraphs, for a scraped article dropped in as is. Paragraphs are one per line,
 * or blank-line separated blocks of hard-wrapped lines. Headings are detected heuristically: a short
 * line (fewer than 12 words) with no terminal punctuation, followed by a longer prose paragraph. A line
 * `Comments` opens the reader-comments section; a line starting `> ` is a quotation.
 */
import { furnitureReason } from './furniture.js';
import { COMMENTS_HEADING, ParagraphBuilder } from './paragraphs.js';
import type { ParsedBody } from './markdown.js';

interface Line {
  start: number;
  end: number;
}

const QUOTE_MARKER = /^>[ \t]?/u;
const TERMINAL = /[.!?:;,…。！？]["'”’)\]]*$/u;
const SENTENCE_END = /[.!?…。！？]["'”’)\]]*$/u;
const MAX_HEADING_WORDS = 11;

function wordCount(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(/\S+/gu)) n++;
  return n;
}

/**
 * A block of several lines is one hard-wrapped paragraph when its lines (but the last) are of similar,
 * moderate length, as an editor wrapping at a fixed width leaves them, and most of them stop
 * mid-sentence. Otherwise each line is a paragraph.
 */
function isHardWrapped(source: string, lines: Line[]): boolean {
  if (lines.length < 2) return false;
  const lengths = lines.map((l) => l.end - l.start);
  const body = lengths.slice(0, -1);
  const max = body.reduce((m, len) => (len > m ? len : m), 0);
  if (max > 120 || max < 30) return false;
  const floor = Math.max(25, max * 0.6);
  if (!body.every((len) => len >= floor)) return false;
  if (lengths[lengths.length - 1]! > max + 5) return false;
  // Wrapping cuts lines mid-sentence; paragraphs written one per line end with punctuation.
  const midSentence = lines
    .slice(0, -1)
    .filter((l) => !SENTENCE_END.test(source.slice(l.start, l.end))).length;
  if (midSentence * 2 < lines.length - 1) return false;
  // A first line that is a heading or furniture is not part of a wrapped paragraph.
  const first = source.slice(lines[0]!.start, lines[0]!.end);
  return !QUOTE_MARKER.test(first);
}

interface Candidate {
  text: string;
  start: number;
  quoted: boolean;
}

function looksLikeHeading(text: string): boolean {
  if (text.includes('\n')) return false;
  const n = wordCount(text);
  if (n === 0 || n > MAX_HEADING_WORDS) return false;
  if (TERMINAL.test(text)) return false;
  if (!/^["'“‘(]?[\p{Lu}\p{N}]/u.test(text)) return false;
  return /\p{L}/u.test(text);
}

/** Title for a .txt document from its file name: `my-essay_2024.txt` → `My essay 2024`. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/u, '');
  const spaced = base.replace(/[-_]+/gu, ' ').replace(/\s+/gu, ' ').trim();
  if (spaced === '') return base || fileName;
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function parsePlainText(source: string): ParsedBody {
  // Lines with their trimmed extents, grouped into blank-line separated blocks.
  const blocks: Line[][] = [];
  let current: Line[] = [];
  let pos = 0;
  while (pos <= source.length) {
    const nl = source.indexOf('\n', pos);
    const lineEnd = nl === -1 ? source.length : nl;
    const line = source.slice(pos, lineEnd);
    const trimmed = line.trim();
    if (trimmed === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      const start = pos + (line.length - line.trimStart().length);
      current.push({ start, end: pos + line.trimEnd().length });
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  if (current.length > 0) blocks.push(current);

  const candidates: Candidate[] = [];
  const add = (start: number, end: number): void => {
    const text = source.slice(start, end);
    const marker = QUOTE_MARKER.exec(text);
    if (marker && text.length > marker[0].length) {
      const s = start + marker[0].length;
      candidates.push({ text: source.slice(s, end), start: s, quoted: true });
    } else {
      candidates.push({ text, start, quoted: false });
    }
  };
  for (const block of blocks) {
    if (isHardWrapped(source, block)) add(block[0]!.start, block[block.length - 1]!.end);
    else for (const line of block) add(line.start, line.end);
  }

  const out = new ParagraphBuilder();
  const isProse = (c: Candidate | undefined, than: number): boolean => {
    if (c === undefined) return false;
    if (furnitureReason(c.text) !== null) return false;
    const n = wordCount(c.text);
    return n > than && (TERMINAL.test(c.text) || n >= 12);
  };
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (!c.quoted && COMMENTS_HEADING.test(c.text.trim())) {
      out.heading(c.text, c.start, true);
      continue;
    }
    if (!c.quoted && looksLikeHeading(c.text) && furnitureReason(c.text, { atStart: out.atStart }) === null) {
      // The next paragraph that is not furniture must be longer prose.
      let j = i + 1;
      while (j < candidates.length && furnitureReason(candidates[j]!.text) !== null) j++;
      if (isProse(candidates[j], wordCount(c.text))) {
        out.heading(c.text, c.start, true);
        continue;
      }
    }
    out.block(c.text, c.start, c.quoted);
  }
  return { paragraphs: out.paragraphs, sections: out.sections };
}
