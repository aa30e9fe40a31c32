import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Corpus } from '../../src/corpus/corpus.js';
import { CorpusDocument, wellFormed, type DocumentParts } from '../../src/corpus/corpus-document.js';
import { parseDocument } from '../../src/corpus/document.js';
import { furnitureReason } from '../../src/corpus/furniture.js';
import { loadCorpus } from '../../src/corpus/load.js';

const BUNDLED = path.resolve(import.meta.dirname, '../../corpus');

/** A Markdown file with every kind of paragraph and text that is more than one UTF-8 byte a character. */
const MIXED = [
  '---',
  'title: Mixed text',
  '---',
  '',
  'Plain ASCII opens. Then “curly quotes” — and an em dash.',
  '',
  '## Ünïcödé section',
  '',
  'Emoji 🇺🇦 and 👨‍👩‍👧‍👦 are surrogate pairs. Hebrew שלום and Arabic سلام read right to left.',
  '',
  '> A quotation with a combining accent: café.',
  '',
  'Subscribe to our newsletter',
  '',
  '## Comments',
  '',
  'A reader writes 𝒻𝓇𝑜𝓂 the astral plane.',
].join('\n');

function parsed(file: string, text: string): CorpusDocument {
  const { document, problems } = parseDocument(file, text);
  expect(problems).toEqual([]);
  return document!;
}

/** The object form a parser hands to `store`, rebuilt from what the stored document gives back. */
function partsOf(document: CorpusDocument): DocumentParts {
  return {
    title: document.title,
    author: document.author,
    sourceUrl: document.sourceUrl,
    published: document.published,
    summary: document.summary,
    docId: document.docId,
    file: document.file,
    source: document.source,
    sections: document.sections,
    paragraphs: document.paragraphs,
    sentences: document.sentences.map(({ id: _id, docId: _docId, ...rest }) => rest),
  };
}

describe('CorpusDocument (compact storage)', () => {
  it('gives back every paragraph and sentence verbatim, multi-byte text included', () => {
    const document = parsed('mixed.md', MIXED);
    expect(document.source).toBe(MIXED);
    const kinds = document.paragraphs.map((p) => p.kind);
    expect(kinds).toEqual(['author', 'heading', 'author', 'quotation', 'furniture', 'heading', 'comment']);
    const reason = furnitureReason('Subscribe to our newsletter', { atStart: false });
    expect(reason).not.toBeNull();
    expect(document.paragraphs.find((p) => p.kind === 'furniture')?.furniture).toBe(reason);
    for (const p of document.paragraphs) expect(MIXED.slice(p.start, p.start + p.text.length)).toBe(p.text);
    for (const s of document.sentences) expect(MIXED.slice(s.start, s.end)).toBe(s.text);
    const texts = document.sentences.map((s) => s.text);
    expect(texts).toContain('Emoji 🇺🇦 and 👨‍👩‍👧‍👦 are surrogate pairs.');
    expect(texts).toContain('A reader writes 𝒻𝓇𝑜𝓂 the astral plane.');
    expect(document.sentences.map((s) => s.section)).toEqual([
      null,
      null,
      'Ünïcödé section',
      'Ünïcödé section',
      'Ünïcödé section',
      'Comments',
    ]);
    expect(document.sentences.map((s) => s.kind)).toEqual([
      'author',
      'author',
      'author',
      'author',
      'quotation',
      'comment',
    ]);
  });

  it('stores what it is given: storing its own output again gives the same document', () => {
    const document = parsed('mixed.md', MIXED);
    const again = CorpusDocument.store(partsOf(document), document.firstSentenceId);
    expect(partsOf(again)).toEqual(partsOf(document));
    expect(again.sentences).toEqual(document.sentences);
  });

  it('answers single sentences and paragraphs without making the rest, the same as the full lists', () => {
    const document = parsed('mixed.md', MIXED);
    const all = document.sentences;
    for (let i = 0; i < all.length; i++) expect(document.sentence(i)).toEqual(all[i]);
    expect(document.sentence(-1)).toBeUndefined();
    expect(document.sentence(all.length)).toBeUndefined();
    expect(document.sentence(0.5)).toBeUndefined();
    const counted = document.paragraphs.filter((p) => p.number > 0);
    expect(document.countedParagraphCount).toBe(counted.length);
    for (const p of counted) expect(document.paragraph(p.number)).toEqual(p);
    expect(document.paragraph(0)).toBeUndefined();
    expect(document.paragraph(counted.length + 1)).toBeUndefined();
    expect(document.firstSentence('comment')).toEqual(all.find((s) => s.kind === 'comment'));
    expect(document.firstSentence('quotation')?.text).toBe('A quotation with a combining accent: café.');
    const authored = all.filter((s) => s.kind === 'author');
    expect(document.measure()).toEqual({
      authored: authored.length,
      characters: all.reduce((n, s) => n + s.text.length, 0),
    });
  });

  it('hands out lists that cannot be changed by a caller', () => {
    const document = parsed('mixed.md', MIXED);
    expect(Object.isFrozen(document.sentences)).toBe(true);
    expect(Object.isFrozen(document.paragraphs)).toBe(true);
    expect(() => (document.sentences as unknown[]).pop()).toThrow(TypeError);
  });

  it('keeps giving the same text after many other documents were read', async () => {
    const corpus = await loadCorpus(BUNDLED);
    const first = corpus.documents[0]!;
    const before = JSON.stringify(first.sentences);
    // Read far more documents than are kept made, so the first one's objects are made again.
    const others = Array.from({ length: 200 }, (_, i) => parsed(`other-${i}.md`, MIXED));
    for (const other of others) expect(other.sentences.length).toBe(6);
    expect(JSON.stringify(first.sentences)).toBe(before);
    expect(first.source.length).toBeGreaterThan(1000);
  });

  it('stores far fewer bytes than the text would take as JavaScript strings and objects', async () => {
    const corpus = await loadCorpus(BUNDLED);
    for (const document of corpus.documents) {
      // Two bytes a character once a text holds a curly quote, before any sentence or paragraph object.
      expect(document.storedBytes).toBeLessThan(document.source.length * 2);
    }
  });

  it('replaces unpaired surrogates, which UTF-8 cannot hold, one code unit for one', () => {
    expect(wellFormed('a\ud800b')).toBe('a\ufffdb');
    expect(wellFormed('a\udc00')).toBe('a\ufffd');
    expect(wellFormed('🇺🇦')).toBe('🇺🇦');
    const document = parsed('lone.md', '---\ntitle: Lone\n---\n\nA broken \ud83d pair. Then a sentence.\n');
    expect(document.sentences.map((s) => s.text)).toEqual(['A broken \ufffd pair.', 'Then a sentence.']);
    for (const s of document.sentences) expect(document.source.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('Corpus', () => {
  it('numbers sentences across documents and finds each by id', async () => {
    const corpus = await loadCorpus(BUNDLED);
    let id = 0;
    for (const document of corpus.documents) {
      expect(document.firstSentenceId).toBe(id);
      for (const s of document.sentences) {
        expect(s.id).toBe(id);
        expect(corpus.documentOf(id)).toBe(document);
        expect(corpus.sentence(id)).toEqual(s);
        id += 1;
      }
    }
    expect(corpus.sentenceCount).toBe(id);
    expect(corpus.sentence(-1)).toBeUndefined();
    expect(corpus.sentence(id)).toBeUndefined();
    expect(corpus.sentence(Number.NaN)).toBeUndefined();
    expect([...corpus.eachSentence()].map((s) => s.id)).toEqual(Array.from({ length: id }, (_, i) => i));
  });

  it('renumbers documents it is given in another order, sharing their stored text', async () => {
    const loaded = await loadCorpus(BUNDLED);
    const reversed = new Corpus(loaded.dir, [...loaded.documents].reverse(), loaded.problems);
    expect(reversed.sentenceCount).toBe(loaded.sentenceCount);
    const last = loaded.documents.at(-1)!;
    const moved = reversed.documents[0]!;
    expect(moved.docId).toBe(last.docId);
    expect(moved.firstSentenceId).toBe(0);
    expect(moved.sentences.map((s) => s.text)).toEqual(last.sentences.map((s) => s.text));
    expect(moved.sentences[0]!.id).toBe(0);
    expect(last.sentences[0]!.id).toBe(last.firstSentenceId);
    expect(reversed.sentence(0)).toEqual(moved.sentences[0]);
  });

  it('an empty corpus has no sentences', () => {
    const corpus = new Corpus('/nowhere', []);
    expect(corpus.sentenceCount).toBe(0);
    expect(corpus.sentence(0)).toBeUndefined();
    expect(corpus.documentOf(0)).toBeUndefined();
    expect([...corpus.eachSentence()]).toEqual([]);
  });
});
