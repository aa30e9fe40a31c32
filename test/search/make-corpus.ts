import type { Corpus, CorpusDocument, Sentence, SentenceKind } from '../../src/corpus/types.js';

/**
 * A small in-memory corpus for search unit tests: each document is a list of paragraphs, each paragraph
 * a list of sentences (so the tests do not depend on the sentence splitter).
 */
export function makeCorpus(
  documents: Array<{ docId: string; title: string; paragraphs: string[][]; kind?: SentenceKind }>,
): Corpus {
  const sentences: Sentence[] = [];
  const built: CorpusDocument[] = documents.map((d) => {
    const source = d.paragraphs.map((p) => p.join(' ')).join('\n\n');
    const document: CorpusDocument = {
      docId: d.docId,
      title: d.title,
      author: null,
      sourceUrl: null,
      published: null,
      summary: null,
      file: `${d.docId}.md`,
      source,
      sections: [],
      paragraphs: [],
      sentences: [],
    };
    let offset = 0;
    d.paragraphs.forEach((paragraph, p) => {
      const text = paragraph.join(' ');
      document.paragraphs.push({
        number: p + 1,
        kind: d.kind ?? 'author',
        section: null,
        text,
        start: offset,
      });
      let within = 0;
      paragraph.forEach((sentenceText, position) => {
        const start = offset + within;
        const sentence: Sentence = {
          id: sentences.length,
          docId: d.docId,
          section: null,
          paragraph: p + 1,
          position,
          kind: d.kind ?? 'author',
          text: sentenceText,
          start,
          end: start + sentenceText.length,
        };
        sentences.push(sentence);
        document.sentences.push(sentence);
        within += sentenceText.length + 1;
      });
      offset += text.length + 2;
    });
    return document;
  });
  return { dir: '/in-memory', documents: built, sentences, problems: [] };
}
