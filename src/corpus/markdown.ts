/**
 * Markdown body → paragraphs. Paragraphs are separated by blank lines (a single newline inside a
 * paragraph is part of it). `## ` headings open sections, other heading levels are kept as headings
 * inside the current section; `> ` paragraphs are quotations; paragraphs under `## Comments` are reader
 * comments. Separator lines (`---`, `***`, `—`), fenced code blocks and HTML comments are furniture.
 * Inline Markdown (`*emphasis*`, links) stays in the text verbatim. A paragraph starting with a
 * backslash is never taken for furniture (the backslash is not part of its text).
 */
import { ParagraphBuilder } from './paragraphs.js';
import type { Paragraph } from './types.js';

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/u;
const SEPARATOR_LINE = /^[\s\p{Pd}*_=~•·⁂]+$/u;
/** `> ` (or nested `> > `, `>>`): the text of a quotation starts after the markers. */
const QUOTE_MARKER = /^ {0,3}(?:>[ \t]?)+/u;
const FENCE = /^ {0,3}(```+|~~~+)/u;

export interface ParsedBody {
  paragraphs: Paragraph[];
  sections: string[];
}

interface Open {
  start: number;
  end: number;
  quoted: boolean;
}

/** Parses `source.slice(bodyStart)`; all offsets are into `source`. */
export function parseMarkdownBody(source: string, bodyStart: number): ParsedBody {
  const out = new ParagraphBuilder();
  // Declared with `as` so TypeScript does not narrow it to null: `flush` resets it from a closure.
  let open = null as Open | null;
  const flush = (): void => {
    if (open !== null && open.end > open.start) {
      let start = open.start;
      // A leading backslash keeps a paragraph that a furniture rule would take for boilerplate.
      const keep = source[start] === '\\' && open.end - start > 1 && !/\s/u.test(source[start + 1]!);
      if (keep) start++;
      out.block(source.slice(start, open.end), start, open.quoted, keep);
    }
    open = null;
  };

  let pos = bodyStart;
  let fence: { marker: string; start: number } | null = null;
  let htmlComment: number | null = null;

  while (pos <= source.length) {
    const nl = source.indexOf('\n', pos);
    const lineEnd = nl === -1 ? source.length : nl;
    const line = source.slice(pos, lineEnd);
    const next = nl === -1 ? source.length + 1 : nl + 1;
    const trimmedEnd = pos + line.trimEnd().length;
    const firstChar = pos + (line.length - line.trimStart().length);

    if (fence !== null) {
      if (line.trim().startsWith(fence.marker)) {
        out.furniture(source.slice(fence.start, trimmedEnd), fence.start, 'code block');
        fence = null;
      }
    } else if (htmlComment !== null) {
      if (line.includes('-->')) {
        out.furniture(source.slice(htmlComment, trimmedEnd), htmlComment, 'HTML comment');
        htmlComment = null;
      }
    } else if (line.trim() === '') {
      flush();
    } else if (FENCE.test(line)) {
      flush();
      fence = { marker: FENCE.exec(line)![1]!, start: firstChar };
    } else if (line.trimStart().startsWith('<!--') && !line.includes('-->')) {
      flush();
      htmlComment = firstChar;
    } else if (HEADING.test(line)) {
      flush();
      const marker = HEADING.exec(line)!;
      const level = marker[1]!.length;
      const contentStart = pos + marker[0].length;
      // Drop an optional closing sequence of #s: `## Title ##`.
      const content = source.slice(contentStart, trimmedEnd).replace(/(?:^|[ \t]+)#+$/u, '');
      const text = content.trimEnd();
      if (text === '') out.furniture(line.trim(), firstChar, 'empty heading');
      else out.heading(text, contentStart, level === 2);
    } else if (SEPARATOR_LINE.test(line) && !/[\p{L}\p{N}]/u.test(line)) {
      flush();
      out.block(source.slice(firstChar, trimmedEnd), firstChar, false);
    } else if (QUOTE_MARKER.test(line)) {
      const contentStart = pos + QUOTE_MARKER.exec(line)![0].length;
      const emptyQuoteLine = source.slice(contentStart, trimmedEnd).trim() === '';
      if (open !== null && !open.quoted) flush();
      if (emptyQuoteLine) {
        // A lone `>` separates paragraphs inside a block quote.
        flush();
      } else if (open === null) {
        const content = source.slice(contentStart, trimmedEnd);
        open = {
          start: contentStart + (content.length - content.trimStart().length),
          end: trimmedEnd,
          quoted: true,
        };
      } else {
        open.end = trimmedEnd;
      }
    } else if (open === null) {
      open = { start: firstChar, end: trimmedEnd, quoted: false };
    } else {
      // A continuation line (also a lazy continuation of a quotation).
      open.end = trimmedEnd;
    }
    pos = next;
  }
  flush();
  if (fence !== null) out.furniture(source.slice(fence.start).trimEnd(), fence.start, 'unclosed code block');
  if (htmlComment !== null)
    out.furniture(source.slice(htmlComment).trimEnd(), htmlComment, 'unclosed HTML comment');
  return { paragraphs: out.paragraphs, sections: out.sections };
}
