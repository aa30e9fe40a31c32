import type { ContrastResult, PositionsResult, StudyGuide } from '../analysis/types.js';
import type { DocumentsResult } from '../search/documents.js';
import type { Quote, QuoteResult } from '../search/types.js';

/** A quote as the documented JSON shape has it (internal ids left out). */
export function quoteJson(q: Quote) {
  return {
    docId: q.docId,
    title: q.title,
    author: q.author,
    section: q.section,
    paragraph: q.paragraph,
    text: q.text,
    score: q.score,
    kind: q.kind,
  };
}

export function quoteResultJson(r: QuoteResult) {
  return {
    query: r.query,
    results: r.results.map(quoteJson),
    suggestions: r.suggestions,
    total: r.total,
    offset: r.offset,
  };
}

export function documentsJson(r: DocumentsResult) {
  return {
    documents: r.documents.map((d) => ({
      docId: d.docId,
      title: d.title,
      author: d.author,
      paragraphs: d.paragraphs,
      sentences: d.sentences,
      summary: d.thesis,
    })),
  };
}

export function positionsJson(r: PositionsResult) {
  return {
    topic: r.topic,
    positions: r.positions.map((p) => ({
      docId: p.docId,
      title: p.title,
      author: p.author,
      stance: p.stance,
      summary: p.summary,
      quotes: p.quotes.map(quoteJson),
    })),
    silent: r.silent,
    silentTotal: r.silentTotal ?? r.silent.length,
    morePositions: r.morePositions ?? 0,
    suggestions: r.suggestions,
  };
}

export function contrastJson(r: ContrastResult) {
  return {
    topic: r.topic,
    pairs: r.pairs.map((p) => ({ a: quoteJson(p.a), b: quoteJson(p.b), axis: p.axis })),
    note: r.note,
    suggestions: r.suggestions,
  };
}

export function studyJson(g: StudyGuide) {
  return {
    docId: g.docId,
    title: g.title,
    overview: g.overview,
    quotes: g.quotes.map(quoteJson),
    questions: g.questions,
  };
}
