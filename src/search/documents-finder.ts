import Fuse from 'fuse.js';
import type { CorpusDocument } from '../corpus/types.js';
import { normalise } from './analyzer.js';

/** Finds documents by id or title, typos allowed (fuse.js over titles and ids). */
export class DocumentFinder {
  private readonly byId: Map<string, CorpusDocument>;
  private readonly titleFuse: Fuse<CorpusDocument>;

  constructor(private readonly documents: readonly CorpusDocument[]) {
    this.byId = new Map(documents.map((d) => [d.docId, d]));
    this.titleFuse = new Fuse(documents, {
      keys: [
        { name: 'title', weight: 3 },
        { name: 'docId', weight: 1 },
      ],
      includeScore: true,
      threshold: 0.45,
      ignoreLocation: true,
    });
  }

  byDocId(docId: string): CorpusDocument | undefined {
    return this.byId.get(docId);
  }

  /** A document by id, by exact title, by a unique id prefix, or by the closest title; null when nothing is close. */
  find(ref: string): CorpusDocument | null {
    const text = normalise(ref).trim();
    if (!text) return null;
    const byId = this.byId.get(text);
    if (byId) return byId;
    const byTitle = this.documents.find((d) => normalise(d.title) === text);
    if (byTitle) return byTitle;
    const byPrefix = this.documents.filter((d) => d.docId.startsWith(text));
    if (byPrefix.length === 1) return byPrefix[0]!;
    return this.titleFuse.search(text, { limit: 1 })[0]?.item ?? null;
  }

  /** Suggestions for what has been typed: exact, then prefix, then fuzzy; the first documents before anything is typed. */
  complete(typed: string, limit: number): CorpusDocument[] {
    const text = normalise(typed).trim();
    if (!text) return this.documents.slice(0, limit);
    const exact = this.documents.filter((d) => d.docId === text || normalise(d.title) === text);
    const prefix = this.documents.filter(
      (d) => d.docId.startsWith(text) || normalise(d.title).startsWith(text),
    );
    const fuzzy = this.titleFuse.search(text, { limit }).map((r) => r.item);
    return [...new Set([...exact, ...prefix, ...fuzzy])].slice(0, limit);
  }
}
