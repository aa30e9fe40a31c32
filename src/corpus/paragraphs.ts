/**
 * Shared bookkeeping for the Markdown and plain-text parsers: sections, the Comments section, furniture
 * classification and 1-based numbering of counted paragraphs (author, quotation, comment).
 */
import { furnitureReason } from './furniture.js';
import type { Paragraph } from './types.js';

/** The heading that opens the reader-comments section (exact word, any case). */
export const COMMENTS_HEADING = /^comments$/iu;

export class ParagraphBuilder {
  readonly paragraphs: Paragraph[] = [];
  readonly sections: string[] = [];
  private section: string | null = null;
  private inComments = false;
  private counted = 0;

  /** True while no counted paragraph has been added. */
  get atStart(): boolean {
    return this.counted === 0;
  }

  get countedParagraphs(): number {
    return this.counted;
  }

  /** A heading. `opensSection` for `## ` headings (and detected .txt headings): it names the following paragraphs. */
  heading(text: string, start: number, opensSection: boolean): void {
    if (opensSection) {
      this.section = text;
      this.inComments = COMMENTS_HEADING.test(text.trim());
      if (!this.sections.includes(text)) this.sections.push(text);
    }
    this.paragraphs.push({ number: 0, kind: 'heading', section: this.section, text, start });
  }

  /** A paragraph already known to be furniture (e.g. a code block), with the reason. */
  furniture(text: string, start: number, reason: string): void {
    this.paragraphs.push({
      number: 0,
      kind: 'furniture',
      section: this.section,
      text,
      start,
      furniture: reason,
    });
  }

  /**
   * A body paragraph: furniture if a furniture rule matches, else a comment inside the Comments section,
   * else a quotation when `quoted` (it was marked `> `), else the author's words. `keep` skips the
   * furniture rules (the paragraph was escaped with a leading backslash).
   */
  block(text: string, start: number, quoted: boolean, keep = false): void {
    const reason = keep ? null : furnitureReason(text, { atStart: this.atStart });
    if (reason !== null) {
      this.furniture(text, start, reason);
      return;
    }
    this.counted++;
    this.paragraphs.push({
      number: this.counted,
      kind: this.inComments ? 'comment' : quoted ? 'quotation' : 'author',
      section: this.section,
      text,
      start,
    });
  }
}
