/**
 * One file → one CorpusDocument (or the problems that stop it from loading). Pure: no file system.
 */
import { decodeText, normaliseText } from './decode.js';
import { parseFrontMatter } from './front-matter.js';
import { parseMarkdownBody, type ParsedBody } from './markdown.js';
import { parsePlainText, titleFromFileName } from './plain-text.js';
import { problem } from './problems.js';
import { splitSentences } from './sentences.js';
import { CorpusDocument, type DocumentParts } from './corpus-document.js';
import type { CorpusProblem, DocumentMeta, Paragraph, SentenceKind } from './types.js';

/** File extensions loaded as documents (lower case). */
export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];
export const TEXT_EXTENSIONS = ['.txt'];

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? '' : fileName.slice(dot).toLowerCase();
}

export function isDocumentFile(fileName: string): boolean {
  const ext = extensionOf(fileName);
  return MARKDOWN_EXTENSIONS.includes(ext) || TEXT_EXTENSIONS.includes(ext);
}

/**
 * Files in the corpus folder that are not documents even with a .md/.txt extension: names starting
 * with `_` or `.` (drafts, notes, hidden files) and README files.
 */
export function isIgnoredFile(fileName: string): boolean {
  return fileName.startsWith('_') || fileName.startsWith('.') || /^readme\.[^.]+$/iu.test(fileName);
}

/**
 * Stable document id: the file name without extension, accents folded, lower-cased, and every
 * character outside [a-z0-9-] replaced by `-`: `001 Security Guarantees.md` → `001-security-guarantees`.
 */
export function docIdFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/u, '');
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/gu, '-');
}

/** Breaks inside a paragraph that a sentence must not cross: a repeated `> ` quote marker or a list item. */
const SEGMENT_BREAK = /\n[ \t]*(?:(?:>[ \t]?)+|(?:[-*+•]|\d{1,3}[.)])[ \t]+)/gu;
const LEADING_LIST_MARKER = /^(?:[-*+•]|\d{1,3}[.)])[ \t]+/u;

/** [start, end) ranges of `text` to split into sentences independently. */
function segmentsOf(text: string): Array<[number, number]> {
  const lead = LEADING_LIST_MARKER.exec(text);
  let from = lead ? lead[0].length : 0;
  if (!text.includes('\n')) return [[from, text.length]];
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(SEGMENT_BREAK)) {
    out.push([from, m.index]);
    from = m.index + m[0].length;
  }
  out.push([from, text.length]);
  return out;
}

function sentencesOf(paragraphs: readonly Paragraph[]): DocumentParts['sentences'] {
  const sentences: Array<DocumentParts['sentences'][number]> = [];
  for (const p of paragraphs) {
    if (p.kind === 'heading' || p.kind === 'furniture') continue;
    const kind: SentenceKind = p.kind;
    let position = 0;
    for (const [segStart, segEnd] of segmentsOf(p.text)) {
      const segment = segStart === 0 && segEnd === p.text.length ? p.text : p.text.slice(segStart, segEnd);
      for (const span of splitSentences(segment)) {
        const start = p.start + segStart + span.start;
        const end = p.start + segStart + span.end;
        sentences.push({
          section: p.section,
          paragraph: p.number,
          position: position++,
          kind,
          text: segment.slice(span.start, span.end),
          start,
          end,
        });
      }
    }
  }
  return sentences;
}

export interface ParseResult {
  document: CorpusDocument | null;
  problems: CorpusProblem[];
}

/**
 * Parses one file. `file` is its path relative to the corpus folder (its extension picks the format);
 * `content` is its bytes (decoded and checked as UTF-8) or already-decoded text. Its sentences are
 * numbered from 0; a `Corpus` numbers them across its documents.
 */
export function parseDocument(file: string, content: Uint8Array | string): ParseResult {
  const fail = (field: string, message: string, fix: string, line?: number): ParseResult => ({
    document: null,
    problems: [problem(file, field, message, fix, line)],
  });

  let source: string;
  if (typeof content === 'string') {
    if (content.includes('\u0000')) {
      return fail(
        'encoding',
        'the file contains NUL characters: it looks like binary data, not text',
        'put only text documents (.md or .txt) in the corpus folder',
      );
    }
    source = normaliseText(content);
  } else {
    const decoded = decodeText(content);
    if (!decoded.ok) return fail('encoding', decoded.message, decoded.fix);
    source = decoded.text;
  }

  const fileName = file.replace(/^.*[\\/]/u, '');
  const markdown = MARKDOWN_EXTENSIONS.includes(extensionOf(fileName));
  if (!/\S/u.test(source)) {
    return fail(
      'body',
      'the file is empty',
      markdown
        ? 'write the front matter ("---", "title: ...", "---") and then the document text, or delete the file'
        : 'paste the document text into the file, or delete it',
    );
  }

  let meta: DocumentMeta;
  let body: ParsedBody;
  if (markdown) {
    const fm = parseFrontMatter(file, source);
    if (!fm.ok) return { document: null, problems: fm.problems };
    meta = fm.meta;
    body = parseMarkdownBody(source, fm.bodyStart);
  } else {
    meta = {
      title: titleFromFileName(fileName),
      author: null,
      sourceUrl: null,
      published: null,
      summary: null,
    };
    body = parsePlainText(source);
  }

  const counted = body.paragraphs.filter((p) => p.number > 0);
  if (counted.length === 0) {
    const furniture = body.paragraphs.filter((p) => p.kind === 'furniture');
    if (furniture.length === 0) {
      return fail(
        'body',
        markdown ? 'the document has no text after its front matter' : 'the document has no text',
        markdown
          ? 'add the document\'s paragraphs after the closing "---", separated by blank lines'
          : 'add the document text, one paragraph per line',
      );
    }
    const reasons = [...new Set(furniture.map((p) => p.furniture ?? 'furniture'))].join(', ');
    return fail(
      'body',
      `every paragraph looks like site boilerplate (${reasons}), so nothing would be searchable`,
      markdown
        ? 'add the document text; if a paragraph was wrongly taken for boilerplate, start it with a backslash "\\" to keep it'
        : 'add the document text; if a line was wrongly taken for boilerplate, convert the file to .md and start that paragraph with a backslash "\\"',
    );
  }

  const document = CorpusDocument.store({
    ...meta,
    docId: docIdFromFileName(fileName),
    file,
    source,
    sections: body.sections,
    paragraphs: body.paragraphs,
    sentences: sentencesOf(body.paragraphs),
  });
  return { document, problems: [] };
}
