/**
 * The corpus model shared by every layer: documents, their paragraphs and their sentences, each
 * sentence a verbatim slice of its source file. Documents store these compactly and make the objects
 * below on demand (see corpus-document.ts).
 */

/** Whose words a paragraph holds. Furniture (site boilerplate) and headings are kept but never searched. */
export type ParagraphKind = 'author' | 'quotation' | 'comment' | 'furniture' | 'heading';

/** Whose words a searchable sentence holds: the author, a reader comment, or someone the author quotes. */
export type SentenceKind = 'author' | 'comment' | 'quotation';

export interface Paragraph {
  /** 1-based among the document's counted paragraphs (author, quotation and comment); 0 for headings and furniture. */
  number: number;
  kind: ParagraphKind;
  section: string | null;
  /** Verbatim text, exactly as in the source file. */
  text: string;
  /** Offset of `text` in the source file (UTF-16 code units, as JavaScript strings index). */
  start: number;
  /** For furniture: the rule that recognised it as site boilerplate (e.g. `newsletter prompt`), for `check` reports. */
  furniture?: string;
}

export interface Sentence {
  /** Position across the corpus (`Corpus.sentence(id)`); stable for one loaded corpus. */
  id: number;
  docId: string;
  section: string | null;
  /** 1-based paragraph number within the document (see Paragraph.number). */
  paragraph: number;
  /** 0-based position of the sentence within its paragraph. */
  position: number;
  kind: SentenceKind;
  /** Verbatim text: `source.slice(start, end) === text`. */
  text: string;
  start: number;
  end: number;
}

export interface DocumentMeta {
  title: string;
  author: string | null;
  /** The front-matter `source`: the URL the document was published at. */
  sourceUrl: string | null;
  published: string | null;
  summary: string | null;
}

export interface CorpusProblem {
  file: string;
  /** The front-matter field or part of the file at fault, e.g. `title`, `body`, `encoding`. */
  field: string;
  message: string;
  /** What the moderator should do about it. */
  fix: string;
  /** 1-based line in the file where the problem is, when known. */
  line?: number;
}

export type { CorpusDocument } from './corpus-document.js';
export type { Corpus } from './corpus.js';
