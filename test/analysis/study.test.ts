import { beforeAll, describe, expect, it } from 'vitest';
import { study } from '../../src/analysis/study.js';
import type { CorpusIndex } from '../../src/search/corpus-index.js';
import { bundledIndex, commentTexts } from './bundled.js';

let index: CorpusIndex;
beforeAll(async () => {
  index = await bundledIndex();
});

/** The “…” quoted passages of a text, as written between curly quotation marks (outermost only). */
function quotedPassages(text: string): string[] {
  const passages: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '“') {
      if (depth === 0) start = i + 1;
      depth += 1;
    } else if (text[i] === '”' && depth > 0) {
      depth -= 1;
      if (depth === 0) passages.push(text.slice(start, i));
    }
  }
  return passages;
}

describe('study guide on the bundled corpus', () => {
  it('returns null for a document that does not exist', () => {
    expect(study(index, 'no-such-document')).toBeNull();
  });

  it('has an overview of verbatim, cited central claims, 3–5 key quotes and 3–5 questions', () => {
    for (const document of index.corpus.documents) {
      const guide = study(index, document.docId)!;
      expect(guide.docId).toBe(document.docId);
      expect(guide.author).toBeNull();
      expect(guide.quotes.length).toBeGreaterThanOrEqual(3);
      expect(guide.quotes.length).toBeLessThanOrEqual(5);
      expect(guide.questions.length).toBeGreaterThanOrEqual(3);
      expect(guide.questions.length).toBeLessThanOrEqual(5);
      const overview = quotedPassages(guide.overview);
      expect(overview.length).toBeGreaterThanOrEqual(2);
      for (const passage of overview) expect(document.source).toContain(passage);
      expect(guide.overview).toMatch(/¶\d+/);
      for (const q of [...guide.quotes, ...(guide.overviewQuotes ?? [])]) {
        expect(q.kind).toBe('author');
        expect(q.docId).toBe(document.docId);
        expect(document.source).toContain(q.text);
      }
    }
  });

  it('asks at least one question that sets the document against another that disagrees with it', () => {
    for (const document of index.corpus.documents) {
      const guide = study(index, document.docId)!;
      expect(guide.comparedWith).toBeTruthy();
      expect(guide.comparedWith).not.toBe(document.docId);
      const other = index.document(guide.comparedWith!)!;
      const comparison = guide.questions.find((q) => q.includes(`“${other.title}”`));
      expect(comparison, document.docId).toBeDefined();
      // Both sides are quoted verbatim: this document's words, then the other's.
      const [own, , theirs] = quotedPassages(comparison!);
      expect(document.source).toContain(own!.replace(/^… | …$/g, ''));
      expect(other.source).toContain(theirs!.replace(/^… | …$/g, ''));
    }
  });

  it('sets the talks sceptic against the essay that thinks the war ripe for settlement', () => {
    const guide = study(index, index.corpus.documents.find((d) => d.docId.startsWith('002-'))!.docId)!;
    expect(guide.comparedWith).toMatch(/^004-/);
    expect(guide.questions.join('\n')).toMatch(/counters/);
  });

  it('grounds every question in the document’s own words, never a reader comment', () => {
    const comments = commentTexts(index);
    for (const document of index.corpus.documents) {
      const guide = study(index, document.docId)!;
      for (const question of guide.questions) {
        expect(quotedPassages(question).length).toBeGreaterThan(0);
        for (const comment of comments) expect(question).not.toContain(comment);
      }
    }
  });
});
