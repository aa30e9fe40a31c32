/**
 * Fabricated but realistic corpus data for the Discord tests: documents built the way the loader builds them
 * (verbatim text, offsets, paragraph numbers, sentence ids), quotes drawn from them, and a stand-in index.
 */
import { Corpus } from '../../src/corpus/corpus.js';
import { CorpusDocument, type DocumentParts } from '../../src/corpus/corpus-document.js';
import type { Paragraph, ParagraphKind } from '../../src/corpus/types.js';
import type { CorpusIndex } from '../../src/search/corpus-index.js';
import type { Quote } from '../../src/search/types.js';

export interface ParagraphSpec {
  section?: string | null;
  kind?: Exclude<ParagraphKind, 'furniture' | 'heading'>;
  sentences: string[];
}

export interface DocSpec {
  docId: string;
  title: string;
  author?: string | null;
  source?: string | null;
  summary?: string | null;
  paragraphs: ParagraphSpec[];
}

/** A corpus whose sentences are verbatim slices of each document's source, ids in corpus order. */
export function makeCorpus(specs: DocSpec[], dir = '/corpus'): Corpus {
  return new Corpus(dir, specs.map(makeDocument));
}

function makeDocument(spec: DocSpec): CorpusDocument {
  let source = `---\ntitle: ${spec.title}\n---\n`;
  const paragraphs: Paragraph[] = [];
  const sentences: Array<DocumentParts['sentences'][number]> = [];
  const sections: string[] = [];
  let number = 0;
  for (const p of spec.paragraphs) {
    const section = p.section ?? null;
    if (section && !sections.includes(section)) {
      sections.push(section);
      source += `\n## ${section}\n`;
    }
    number++;
    source += '\n';
    const start = source.length;
    const text = p.sentences.join(' ');
    paragraphs.push({ number, kind: p.kind ?? 'author', section, text, start });
    let offset = start;
    p.sentences.forEach((sentenceText, position) => {
      sentences.push({
        section,
        paragraph: number,
        position,
        kind: p.kind === 'comment' ? 'comment' : p.kind === 'quotation' ? 'quotation' : 'author',
        text: sentenceText,
        start: offset,
        end: offset + sentenceText.length,
      });
      offset += sentenceText.length + 1;
    });
    source += `${text}\n`;
  }
  return CorpusDocument.store({
    docId: spec.docId,
    file: `${spec.docId}.md`,
    title: spec.title,
    author: spec.author ?? null,
    source,
    sourceUrl: spec.source ?? null,
    published: null,
    summary: spec.summary ?? null,
    sections,
    paragraphs,
    sentences,
  });
}

export const SPECS: DocSpec[] = [
  {
    docId: '001-no-diplomatic-solution',
    title: 'There Is No Diplomatic Solution',
    author: null,
    source: 'https://example.org/essays/no-diplomatic-solution',
    summary: 'Peace will come on the battlefield, not at the negotiating table.',
    paragraphs: [
      {
        section: 'The comforting fiction',
        sentences: [
          'There is a comforting fiction that animates almost every round of diplomacy over this war.',
          'It is a tidy theory.',
          'It is also, I am convinced, a delusion — one that has cost a great many lives.',
        ],
      },
      {
        section: 'The comforting fiction',
        sentences: [
          'Proposals like that are not steps toward peace.',
          'Ukrainians are not dying for a better tariff schedule or a marginally larger slice of territory.',
        ],
      },
      {
        section: 'Security guarantees',
        sentences: [
          'A security guarantee that depends on the goodwill of the next U.S. administration is no guarantee at all.',
          'Only a Ukraine inside the alliance, or armed well enough to deter, is secure.',
        ],
      },
      {
        section: 'Comments',
        kind: 'comment',
        sentences: ['You are wrong about the **guarantees** @everyone, and <@123456789012345678> agrees.'],
      },
    ],
  },
  {
    docId: '002-the-korea-model',
    title: 'The Korea Model: An Armistice Without Peace',
    author: 'A. Reader',
    source: null,
    summary: null,
    paragraphs: [
      {
        section: 'An armistice',
        sentences: [
          'The Korean armistice of 1953 froze a front line, not a settlement.',
          'Seventy years on, it has held — about 90% of the time without a shot.',
        ],
      },
      {
        section: 'An armistice',
        sentences: [
          'A cease fire along the current line is ripe, and the alternative is a war of attrition nobody wins.',
        ],
      },
    ],
  },
  {
    docId: '003-עמדה-אחרת',
    title: 'עמדה אחרת: שלום עכשיו 🕊️',
    author: 'ד. כהן',
    source: 'javascript:alert(1)',
    summary: null,
    paragraphs: [{ section: null, sentences: ['השלום לא ייכפה מבחוץ.', 'הוא ייבנה מבפנים 🇺🇦.'] }],
  },
];

export const CORPUS = makeCorpus(SPECS);

export function doc(docId: string): CorpusDocument {
  const found = CORPUS.documents.find((d) => d.docId === docId);
  if (!found) throw new Error(`no fixture document ${docId}`);
  return found;
}

/** A Quote for the sentence with this id, as quote() would return it. */
export function quoteOf(sentenceId: number, score = 1): Quote {
  const sentence = CORPUS.sentence(sentenceId);
  if (!sentence) throw new Error(`no sentence ${sentenceId}`);
  const document = doc(sentence.docId);
  return {
    docId: sentence.docId,
    title: document.title,
    author: document.author,
    section: sentence.section,
    paragraph: sentence.paragraph,
    text: sentence.text,
    score,
    kind: sentence.kind === 'comment' ? 'comment' : 'author',
    sentenceId: sentence.id,
  };
}

/** Every quotable sentence of the fixture corpus as a Quote. */
export const ALL_QUOTES: Quote[] = [...CORPUS.eachSentence()]
  .filter((s) => s.kind !== 'quotation')
  .map((s) => quoteOf(s.id));

/**
 * A stand-in for CorpusIndex with the lookups the Discord layer uses (the real index is built elsewhere).
 * `findDocument` matches a docId or a case-insensitive title fragment.
 */
export function fakeIndex(
  corpus: Corpus = CORPUS,
  topics: string[] = ['security guarantees', 'territory', 'cease fire'],
): CorpusIndex {
  const find = (ref: string) =>
    corpus.documents.find((d) => d.docId === ref) ??
    corpus.documents.find((d) => d.title.toLowerCase().includes(ref.toLowerCase())) ??
    null;
  return {
    corpus,
    document: (docId: string) => corpus.documents.find((d) => d.docId === docId),
    sentence: (id: number) => corpus.sentence(id),
    paragraph: (docId: string, number: number) =>
      corpus.documents.find((d) => d.docId === docId)?.paragraphs.find((p) => p.number === number),
    search: () => ({ hits: [], total: 0, understood: [] }),
    suggest: () => [],
    topics: (limit: number) => topics.slice(0, limit),
    completeTopic: (typed: string, limit: number) =>
      topics.filter((t) => t.startsWith(typed.toLowerCase().slice(0, 3))).slice(0, limit),
    findDocument: find,
    completeDocument: (typed: string, limit: number) =>
      corpus.documents
        .filter((d) => d.title.toLowerCase().includes(typed.toLowerCase().slice(0, 4)))
        .slice(0, limit),
  } as unknown as CorpusIndex;
}

export const lookup = (docId: string): CorpusDocument | undefined =>
  CORPUS.documents.find((d) => d.docId === docId);

/** Text that must come out inert: Markdown, mentions, a masked link, RTL and emoji. */
export const HOSTILE =
  '**bold** @everyone @here <@123456789012345678> <@&123456789012345678> <#123456789012345678> [click](https://evil.example) `code` ||spoiler|| # heading\n> quote -# small שלום 👨‍👩‍👧‍👦';
