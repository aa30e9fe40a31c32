import { Corpus } from '../../src/corpus/corpus.js';
import { CorpusDocument, type DocumentParts } from '../../src/corpus/corpus-document.js';
import type { Paragraph, SentenceKind } from '../../src/corpus/types.js';

/**
 * A small in-memory corpus for search unit tests: each document is a list of paragraphs, each paragraph
 * a list of sentences (so the tests do not depend on the sentence splitter).
 */
export function makeCorpus(
  documents: Array<{ docId: string; title: string; paragraphs: string[][]; kind?: SentenceKind }>,
): Corpus {
  const built = documents.map((d) => {
    const paragraphs: Paragraph[] = [];
    const sentences: Array<DocumentParts['sentences'][number]> = [];
    let offset = 0;
    d.paragraphs.forEach((paragraph, p) => {
      const text = paragraph.join(' ');
      paragraphs.push({ number: p + 1, kind: d.kind ?? 'author', section: null, text, start: offset });
      let within = 0;
      paragraph.forEach((sentenceText, position) => {
        const start = offset + within;
        sentences.push({
          section: null,
          paragraph: p + 1,
          position,
          kind: d.kind ?? 'author',
          text: sentenceText,
          start,
          end: start + sentenceText.length,
        });
        within += sentenceText.length + 1;
      });
      offset += text.length + 2;
    });
    return CorpusDocument.store({
      docId: d.docId,
      title: d.title,
      author: null,
      sourceUrl: null,
      published: null,
      summary: null,
      file: `${d.docId}.md`,
      source: d.paragraphs.map((p) => p.join(' ')).join('\n\n'),
      sections: [],
      paragraphs,
      sentences,
    });
  });
  return new Corpus('/in-memory', built);
}
