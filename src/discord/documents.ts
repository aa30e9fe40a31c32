import type { CorpusDocument } from '../corpus/types.js';
import { escapeText } from '../render/discord/escape.js';
import { didYouMean, type DocLookup } from '../render/discord/format.js';
import { notice, type Reply } from '../render/discord/reply.js';
import { truncate } from '../render/discord/truncate.js';
import type { CorpusIndex } from '../search/corpus-index.js';

/** Documents by exact docId, for the renderers (title links, sentence positions). */
export function docLookup(index: CorpusIndex): DocLookup {
  return (docId) => index.document(docId);
}

/**
 * A docId from a button: exact, or (when `isPrefix`, because it was shortened to fit the custom_id) the first
 * document whose docId starts with it.
 */
export function resolveDocId(index: CorpusIndex, doc: string, isPrefix: boolean): CorpusDocument | undefined {
  const exact = index.document(doc);
  if (exact || !isPrefix) return exact;
  return index.corpus.documents.find((d) => d.docId.startsWith(doc));
}

/** The answer when a `document` option names nothing in the reading list, with the nearest titles. */
export function unknownDocument(index: CorpusIndex, ref: string): Reply {
  const near = index.completeDocument(ref, 3).map((d) => d.title);
  const hint = near.length > 0 ? ` ${didYouMean(near, 3)}` : ' See `/docs` for the reading list.';
  return notice(`No document in the reading list matches “${escapeText(truncate(ref, 100))}”.${hint}`);
}
