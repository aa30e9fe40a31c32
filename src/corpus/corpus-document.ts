/**
 * A loaded document, stored compactly: its text as UTF-8 bytes, its paragraphs and sentences as offsets
 * in one typed array each. Paragraph and sentence objects and their text are made when asked for, and
 * the most recently used documents' are kept, so reading a document twice in one answer costs once.
 *
 * Why: JavaScript keeps a string at two bytes a character once it holds one curly quote or dash (every
 * scraped essay does), and one object per sentence costs ~125 bytes. At 10,000 essays that was ~330 MB
 * of heap for the corpus alone; bytes and offsets take ~140 MB, outside the garbage-collected heap.
 */
import { detached } from './detached.js';
import type { DocumentMeta, Paragraph, ParagraphKind, Sentence, SentenceKind } from './types.js';

/** What a parser produces for one document: the full object form, compacted by `CorpusDocument.store`. */
export interface DocumentParts extends DocumentMeta {
  docId: string;
  file: string;
  source: string;
  sections: readonly string[];
  paragraphs: readonly Paragraph[];
  /** The document's sentences in order, each inside one of `paragraphs` (same section and number). */
  sentences: ReadonlyArray<Omit<Sentence, 'id' | 'docId'>>;
}

const PARAGRAPH_KINDS: readonly ParagraphKind[] = ['author', 'quotation', 'comment', 'furniture', 'heading'];
const SENTENCE_KINDS: readonly SentenceKind[] = ['author', 'quotation', 'comment'];

// Paragraph rows: UTF-8 start and end, UTF-16 start and end, number, kind, section label, furniture label.
const P_STRIDE = 8;
// Sentence rows: UTF-8 start and end, UTF-16 start and end, paragraph row, position × 4 + kind.
const S_STRIDE = 6;

/** Documents whose objects are kept made (a few answers' worth; each costs tens of kilobytes). */
const KEPT_DOCUMENTS = 64;

interface Made {
  source?: string;
  paragraphs?: readonly Paragraph[];
  sentences?: readonly Sentence[];
}

/** Least recently used first: a Map keeps insertion order, so deleting and re-inserting marks a use. */
const made = new Map<CorpusDocument, Made>();

function madeFor(document: CorpusDocument): Made {
  let entry = made.get(document);
  if (entry) {
    made.delete(document);
  } else {
    entry = {};
    if (made.size >= KEPT_DOCUMENTS) made.delete(made.keys().next().value!);
  }
  made.set(document, entry);
  return entry;
}

/** UTF-8 byte offset of every UTF-16 offset of `text` (0…length inclusive). */
function utf8Offsets(text: string): Int32Array {
  const out = new Int32Array(text.length + 1);
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = bytes;
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        // A surrogate pair is one 4-byte character; an offset between its halves maps to its start.
        out[++i] = bytes;
        bytes += 4;
      } else bytes += 3;
    } else bytes += 3;
  }
  out[text.length] = bytes;
  return out;
}

/** Replaces unpaired surrogates (which UTF-8 cannot hold) with U+FFFD, one code unit for one, so offsets hold. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu, '\ufffd');
}

export class CorpusDocument implements DocumentMeta {
  readonly title: string;
  readonly author: string | null;
  readonly sourceUrl: string | null;
  readonly published: string | null;
  readonly summary: string | null;
  /** Stable id: the file name without extension, lower-cased, e.g. `001-security-guarantees`. */
  readonly docId: string;
  /** Path of the source file, relative to the corpus folder. */
  readonly file: string;
  readonly sections: readonly string[];
  /** Corpus-wide id of this document's first sentence (see `Corpus.sentence`). */
  readonly firstSentenceId: number;
  /**
   * What the file looked like on disk when it was read (see load.ts), so a reload can keep this document
   * when the file has not changed; null when it was not read from disk or could have changed unseen.
   */
  readonly fileStamp: string | null;

  private constructor(
    from: DocumentMeta & { docId: string; file: string; sections: readonly string[] },
    firstSentenceId: number,
    fileStamp: string | null,
    private readonly bytes: Buffer,
    private readonly paragraphRows: Int32Array,
    private readonly sentenceRows: Int32Array,
    private readonly labels: readonly string[],
  ) {
    this.title = from.title;
    this.author = from.author;
    this.sourceUrl = from.sourceUrl;
    this.published = from.published;
    this.summary = from.summary;
    this.docId = from.docId;
    this.file = from.file;
    this.sections = from.sections;
    this.firstSentenceId = firstSentenceId;
    this.fileStamp = fileStamp;
  }

  /** Compacts a parsed document. Its sentences are numbered from `firstSentenceId`. */
  static store(parts: DocumentParts, firstSentenceId = 0): CorpusDocument {
    const source = wellFormed(parts.source);
    const byteAt = utf8Offsets(source);
    const labels: string[] = [];
    const labelOf = (label: string | null | undefined): number => {
      if (label === null || label === undefined) return -1;
      const at = labels.indexOf(label);
      return at >= 0 ? at : labels.push(detached(label)) - 1;
    };
    const paragraphRows = new Int32Array(parts.paragraphs.length * P_STRIDE);
    const rowOfParagraph = new Map<number, number>();
    parts.paragraphs.forEach((p, i) => {
      const end = p.start + p.text.length;
      paragraphRows.set(
        [
          byteAt[p.start]!,
          byteAt[end]!,
          p.start,
          end,
          p.number,
          PARAGRAPH_KINDS.indexOf(p.kind),
          labelOf(p.section),
          labelOf(p.furniture),
        ],
        i * P_STRIDE,
      );
      if (p.number > 0) rowOfParagraph.set(p.number, i);
    });
    const sentenceRows = new Int32Array(parts.sentences.length * S_STRIDE);
    parts.sentences.forEach((s, i) => {
      const row = rowOfParagraph.get(s.paragraph);
      if (row === undefined) throw new Error(`${parts.file}: sentence ${i} is in no counted paragraph`);
      sentenceRows.set(
        [
          byteAt[s.start]!,
          byteAt[s.end]!,
          s.start,
          s.end,
          row,
          s.position * 4 + SENTENCE_KINDS.indexOf(s.kind),
        ],
        i * S_STRIDE,
      );
    });
    const meta = {
      title: detached(parts.title),
      author: detached(parts.author),
      sourceUrl: detached(parts.sourceUrl),
      published: detached(parts.published),
      summary: detached(parts.summary),
      docId: detached(parts.docId),
      file: detached(parts.file),
      sections: parts.sections.map(detached),
    };
    return new CorpusDocument(
      meta,
      firstSentenceId,
      null,
      Buffer.from(source, 'utf8'),
      paragraphRows,
      sentenceRows,
      labels,
    );
  }

  /** The same document with its sentences numbered from another id (a corpus renumbers on reload). */
  withFirstSentenceId(firstSentenceId: number): CorpusDocument {
    if (firstSentenceId === this.firstSentenceId) return this;
    return this.copy(firstSentenceId, this.fileStamp);
  }

  /** The same document, remembered as read from a file that looked like `fileStamp`. */
  withFileStamp(fileStamp: string | null): CorpusDocument {
    return fileStamp === this.fileStamp ? this : this.copy(this.firstSentenceId, fileStamp);
  }

  private copy(firstSentenceId: number, fileStamp: string | null): CorpusDocument {
    return new CorpusDocument(
      this,
      firstSentenceId,
      fileStamp,
      this.bytes,
      this.paragraphRows,
      this.sentenceRows,
      this.labels,
    );
  }

  get sentenceCount(): number {
    return this.sentenceRows.length / S_STRIDE;
  }

  get paragraphCount(): number {
    return this.paragraphRows.length / P_STRIDE;
  }

  /** Paragraphs with a number: the author's, quotations and comments (not headings or furniture). */
  get countedParagraphCount(): number {
    let count = 0;
    for (let at = 4; at < this.paragraphRows.length; at += P_STRIDE)
      if (this.paragraphRows[at]! > 0) count += 1;
    return count;
  }

  /** The first sentence of `kind`, without making the others. */
  firstSentence(kind: SentenceKind): Sentence | undefined {
    const code = SENTENCE_KINDS.indexOf(kind);
    for (let i = 0; i < this.sentenceCount; i++) {
      if ((this.sentenceRows[i * S_STRIDE + 5]! & 3) === code) return this.sentence(i);
    }
    return undefined;
  }

  /** How many sentences are the author's, and how long all sentences are (UTF-16 code units), without making them. */
  measure(): { authored: number; characters: number } {
    const rows = this.sentenceRows;
    const author = SENTENCE_KINDS.indexOf('author');
    let authored = 0;
    let characters = 0;
    for (let at = 0; at < rows.length; at += S_STRIDE) {
      if ((rows[at + 5]! & 3) === author) authored += 1;
      characters += rows[at + 3]! - rows[at + 2]!;
    }
    return { authored, characters };
  }

  /** Bytes held for this document's text and structure (for memory reports). */
  get storedBytes(): number {
    return this.bytes.byteLength + this.paragraphRows.byteLength + this.sentenceRows.byteLength;
  }

  /** The whole source file as read (after BOM removal, line endings normalised to \n). */
  get source(): string {
    return (madeFor(this).source ??= this.bytes.toString('utf8'));
  }

  /** Every paragraph, headings and furniture included, in order. */
  get paragraphs(): readonly Paragraph[] {
    return (madeFor(this).paragraphs ??= Object.freeze(
      Array.from({ length: this.paragraphCount }, (_, i) => this.makeParagraph(i)),
    ));
  }

  /** This document's sentences, in order. */
  get sentences(): readonly Sentence[] {
    return (madeFor(this).sentences ??= Object.freeze(
      Array.from({ length: this.sentenceCount }, (_, i) => this.makeSentence(i)),
    ));
  }

  /**
   * Every sentence, made one at a time and not kept: for passes over the whole corpus (the index build),
   * whose objects should die young instead of filling the kept documents.
   */
  *eachSentence(): Generator<Sentence> {
    const kept = made.get(this)?.sentences;
    if (kept) yield* kept;
    else for (let i = 0; i < this.sentenceCount; i++) yield this.makeSentence(i);
  }

  /** The document's `index`-th sentence (0-based), without making the others. */
  sentence(index: number): Sentence | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.sentenceCount) return undefined;
    return made.get(this)?.sentences?.[index] ?? this.makeSentence(index);
  }

  /** The paragraph numbered `number` (1-based, counted paragraphs only). */
  paragraph(number: number): Paragraph | undefined {
    const rows = this.paragraphRows;
    for (let i = 0; i < this.paragraphCount; i++) {
      if (rows[i * P_STRIDE + 4] === number && number > 0) return this.makeParagraph(i);
    }
    return undefined;
  }

  private label(index: number): string | null {
    return index < 0 ? null : this.labels[index]!;
  }

  private makeParagraph(i: number): Paragraph {
    const r = this.paragraphRows;
    const at = i * P_STRIDE;
    const paragraph: Paragraph = {
      number: r[at + 4]!,
      kind: PARAGRAPH_KINDS[r[at + 5]!]!,
      section: this.label(r[at + 6]!),
      text: this.bytes.toString('utf8', r[at]!, r[at + 1]!),
      start: r[at + 2]!,
    };
    const furniture = this.label(r[at + 7]!);
    if (furniture !== null) paragraph.furniture = furniture;
    return paragraph;
  }

  private makeSentence(i: number): Sentence {
    const r = this.sentenceRows;
    const at = i * S_STRIDE;
    const paragraphAt = r[at + 4]! * P_STRIDE;
    const packed = r[at + 5]!;
    return {
      id: this.firstSentenceId + i,
      docId: this.docId,
      section: this.label(this.paragraphRows[paragraphAt + 6]!),
      paragraph: this.paragraphRows[paragraphAt + 4]!,
      position: packed >> 2,
      kind: SENTENCE_KINDS[packed & 3]!,
      text: this.bytes.toString('utf8', r[at]!, r[at + 1]!),
      start: r[at + 2]!,
      end: r[at + 3]!,
    };
  }
}
