import { describe, expect, it } from 'vitest';
import { ButtonStyle, type APIButtonComponentWithCustomId } from 'discord.js';
import type { PositionsResult, StudyGuide } from '../../src/analysis/types.js';
import { parseCustomId } from '../../src/discord/custom-id.js';
import { commands } from '../../commands/index.js';
import { renderContrast } from '../../src/render/discord/contrast.js';
import { renderDocs } from '../../src/render/discord/docs.js';
import { listDocuments } from '../../src/search/documents.js';
import { renderHelp } from '../../src/render/discord/help.js';
import { renderPositions } from '../../src/render/discord/positions.js';
import { MAX_QUOTES_PER_PAGE, renderContext, renderQuoteResult } from '../../src/render/discord/quote.js';
import { fitReply, limitViolations, type Reply } from '../../src/render/discord/reply.js';
import { renderStudyGuide, renderStudyOutcome, renderStudyReport } from '../../src/render/discord/study.js';
import type { Quote, QuoteResult } from '../../src/search/types.js';
import { ALL_QUOTES, CORPUS, HOSTILE, doc, fakeIndex, lookup, makeCorpus, quoteOf } from './fixtures.js';

/** Patterns Discord renders as mentions. */
const MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<\/[^\s>]+:\d+>/u;

/** All the text a reply shows. */
function texts(reply: Reply): string[] {
  const out: string[] = [];
  if (reply.content) out.push(reply.content);
  for (const embed of reply.embeds ?? []) {
    out.push(embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '', embed.author?.name ?? '');
    for (const field of embed.fields ?? []) out.push(field.name, field.value);
  }
  for (const row of reply.components ?? []) {
    for (const button of row.components) if ('label' in button && button.label) out.push(button.label);
  }
  return out;
}

/** What every message must satisfy: every limit (as rendered, before any safety-net fitting), no mentions. */
function expectSafe(reply: Reply): void {
  expect(limitViolations(reply)).toEqual([]);
  expect(fitReply(reply)).toEqual(reply);
  for (const text of texts(reply)) expect(text).not.toMatch(MENTION);
}

function customIds(reply: Reply): string[] {
  return (reply.components ?? []).flatMap((row) =>
    row.components
      .filter((b): b is APIButtonComponentWithCustomId => 'custom_id' in b)
      .map((b) => b.custom_id),
  );
}

function button(reply: Reply, label: string): APIButtonComponentWithCustomId | undefined {
  return (reply.components ?? [])
    .flatMap((row) => row.components)
    .find((b): b is APIButtonComponentWithCustomId => 'custom_id' in b && b.label === label);
}

function result(quotes: Quote[], extra: Partial<QuoteResult> = {}): QuoteResult {
  return {
    query: 'security guarantees',
    results: quotes,
    suggestions: [],
    total: quotes.length,
    offset: 0,
    docId: null,
    ...extra,
  };
}

const view = { topic: 'security guarantees', limit: 5, comments: true, doc: null };

/** A quote with long, hostile text, as if from a scraped article. */
function longQuote(i: number, length = 1200): Quote {
  const base = quoteOf(i % ALL_QUOTES.length);
  const text = `${HOSTILE} `.repeat(Math.ceil(length / HOSTILE.length)).slice(0, length);
  return {
    ...base,
    text,
    sentenceId: 10_000 + i,
    title: `${base.title} ${'— a very long subtitle '.repeat(8)}`,
  };
}

describe('renderQuoteResult', () => {
  const quotes = [quoteOf(5), quoteOf(0), quoteOf(7), quoteOf(8)];
  const reply = renderQuoteResult(result(quotes, { total: 12 }), view, lookup);
  const description = reply.embeds?.[0]?.description ?? '';

  it('satisfies every limit and pings no one', () => expectSafe(reply));

  it('shows each quote in a block with its citation under it', () => {
    expect(description).toContain(
      '> A security guarantee that depends on the goodwill of the next U.S. administration',
    );
    expect(description).toContain(
      '**1** · [There Is No Diplomatic Solution](https://example.org/essays/no-diplomatic-solution) · Unsigned · Security guarantees · ¶ 3',
    );
    expect(description).toContain(
      'The Korea Model: An Armistice Without Peace* · A. Reader · An armistice · ¶ 1',
    );
  });

  it('labels reader comments and escapes their Markdown and mentions', () => {
    expect(description).toMatch(/\*\*3\*\* · Reader comment · \[There Is No Diplomatic Solution\]/u);
    expect(description).toContain('\\*\\*guarantees\\*\\*');
    expect(description).toContain('@\u200beveryone');
    expect(description).toContain('<@\u200b123456789012345678>');
  });

  it('says which results these are', () => {
    expect(reply.embeds?.[0]?.footer?.text).toBe('results 1–4 of 12 · reader comments included');
  });

  it('has a Context button per quote carrying doc, paragraph and sentence', () => {
    const context = customIds(reply)
      .map(parseCustomId)
      .filter((p) => p?.key === 'quote:ctx');
    expect(context).toHaveLength(4);
    expect(context[0]).toEqual({
      key: 'quote:ctx',
      state: {
        sentenceId: 5,
        paragraph: 3,
        position: 0,
        doc: '001-no-diplomatic-solution',
        docIsPrefix: false,
      },
    });
    expect(button(reply, 'Context 1')).toBeDefined();
  });

  it('has a More button for the next page and no Previous on the first', () => {
    const more = button(reply, 'More');
    expect(more?.style).toBe(ButtonStyle.Primary);
    expect(parseCustomId(more!.custom_id)).toEqual({
      key: 'quote:page',
      state: { ...view, doc: null, offset: 4, docIsPrefix: false, topicTruncated: false },
    });
    expect(button(reply, 'Previous')).toBeUndefined();
  });

  it('says so in the footer when a button carried only the start of a long topic', () => {
    const shortened = renderQuoteResult(result(quotes), { ...view, topicShortened: true }, lookup);
    expect(shortened.embeds?.[0]?.footer?.text).toMatch(
      /topic shortened to fit the button: run \/quote again/u,
    );
    expect(reply.embeds?.[0]?.footer?.text).not.toMatch(/shortened/u);
  });

  it('has Previous on a later page and no More on the last', () => {
    const last = renderQuoteResult(result(quotes, { total: 9, offset: 5 }), view, lookup);
    expectSafe(last);
    expect(button(last, 'More')).toBeUndefined();
    expect(parseCustomId(button(last, 'Previous')!.custom_id)).toMatchObject({ state: { offset: 0 } });
    expect(last.embeds?.[0]?.footer?.text).toMatch(/^results 6–9 of 9/u);
  });

  it('shows what fits of 25 long hostile quotes and continues after the last one shown', () => {
    const many = Array.from({ length: 25 }, (_, i) => longQuote(i));
    const page = renderQuoteResult(
      result(many, { total: 80 }),
      { ...view, limit: 25, topic: HOSTILE },
      lookup,
    );
    expectSafe(page);
    const shown = customIds(page).filter((id) => id.startsWith('quote:ctx')).length;
    expect(shown).toBeGreaterThan(2);
    expect(shown).toBeLessThanOrEqual(MAX_QUOTES_PER_PAGE);
    expect(page.embeds?.[0]?.footer?.text).toMatch(new RegExp(`^results 1–${shown} of 80`, 'u'));
    expect(parseCustomId(button(page, 'More')!.custom_id)).toMatchObject({
      state: { offset: shown, limit: 25 },
    });
  });

  it('caps a page at 20 quotes so the Context buttons and the More row fit in five rows', () => {
    const short = Array.from({ length: 25 }, (_, i) => ({
      ...quoteOf(8),
      text: 'Short.',
      sentenceId: 500 + i,
    }));
    const page = renderQuoteResult(result(short, { total: 25 }), { ...view, limit: 25 }, lookup);
    expectSafe(page);
    expect(customIds(page).filter((id) => id.startsWith('quote:ctx'))).toHaveLength(20);
    expect(page.components).toHaveLength(5);
  });

  it('echoes an emoji, right-to-left, Markdown and @everyone topic safely', () => {
    const hostile = renderQuoteResult(result(quotes), { ...view, topic: HOSTILE }, lookup);
    expectSafe(hostile);
    expect(hostile.embeds?.[0]?.title).toContain('\u2068');
    expect(hostile.embeds?.[0]?.title).toContain('\\*\\*bold\\*\\*');
  });

  it('names the document when the search was restricted to one', () => {
    const restricted = renderQuoteResult(
      result([quoteOf(7)]),
      { ...view, doc: doc('002-the-korea-model') },
      lookup,
    );
    expect(restricted.embeds?.[0]?.title).toBe(
      'Quotes on “\u2068security guarantees\u2069” in The Korea Model: An Armistice Without Peace',
    );
  });

  it('never links a source that is not http(s)', () => {
    const rtl = renderQuoteResult(result([quoteOf(11)]), view, lookup);
    expectSafe(rtl);
    expect(rtl.embeds?.[0]?.description).not.toContain('javascript:');
    expect(rtl.embeds?.[0]?.description).toContain('*עמדה אחרת: שלום עכשיו 🕊️* · ד. כהן');
  });
});

describe('no results', () => {
  it('says so and offers the suggestions as buttons that run the search', () => {
    const reply = renderQuoteResult(
      result([], { total: 0, suggestions: ['security guarantees', 'territory', HOSTILE] }),
      { ...view, topic: 'securty guarntees' },
      lookup,
    );
    expectSafe(reply);
    expect(reply.embeds?.[0]?.title).toBe('No quotes on “\u2068securty guarntees\u2069”');
    expect(reply.embeds?.[0]?.description).toContain('Did you mean **security guarantees**, **territory**');
    const states = customIds(reply).map(parseCustomId);
    expect(states).toHaveLength(3);
    expect(states[0]).toMatchObject({
      key: 'quote:page',
      state: { topic: 'security guarantees', offset: 0 },
    });
  });

  it('suggests /docs when there is nothing to suggest', () => {
    const reply = renderQuoteResult(result([], { total: 0 }), view, lookup);
    expectSafe(reply);
    expect(reply.embeds?.[0]?.description).toContain('/docs');
    expect(reply.components).toEqual([]);
  });
});

describe('renderContext', () => {
  it('shows the whole paragraph with the quoted sentence in bold, privately', () => {
    const document = doc('001-no-diplomatic-solution');
    const paragraph = document.paragraphs[0]!;
    const reply = renderContext(document, paragraph, document.sentences[1]);
    expectSafe(reply);
    expect(reply.ephemeral).toBe(true);
    expect(reply.embeds?.[0]?.description).toBe(
      'There is a comforting fiction that animates almost every round of diplomacy over this war. **It is a tidy theory.** It is also, I am convinced, a delusion — one that has cost a great many lives.',
    );
    expect(reply.embeds?.[0]?.url).toBe('https://example.org/essays/no-diplomatic-solution');
    expect(reply.embeds?.[0]?.footer?.text).toBe('Unsigned · The comforting fiction · ¶ 1');
  });

  it('labels a reader comment and escapes it', () => {
    const document = doc('001-no-diplomatic-solution');
    const reply = renderContext(document, document.paragraphs[3]!, document.sentences[7]);
    expectSafe(reply);
    expect(reply.embeds?.[0]?.footer?.text).toMatch(/^Reader comment · Comments · ¶ 4$/u);
  });

  it('cuts a very long paragraph around the quoted sentence', () => {
    const filler = (n: number): string[] =>
      Array.from({ length: n }, (_, i) => `Filler sentence number ${i} about @everyone and **nothing**.`);
    const corpus = makeCorpus([
      {
        docId: 'long',
        title: 'Long',
        paragraphs: [{ sentences: [...filler(150), 'THE QUOTED SENTENCE.', ...filler(150)] }],
      },
    ]);
    const document = corpus.documents[0]!;
    const target = document.sentences.find((s) => s.text === 'THE QUOTED SENTENCE.');
    const reply = renderContext(document, document.paragraphs[0]!, target);
    expectSafe(reply);
    const description = reply.embeds?.[0]?.description ?? '';
    expect(description).toContain('**THE QUOTED SENTENCE.**');
    expect(description.startsWith('…')).toBe(true);
    expect(description.endsWith('…')).toBe(true);
  });
});

describe('renderPositions', () => {
  const positions: PositionsResult = {
    topic: 'security guarantees',
    positions: [
      {
        docId: '001-no-diplomatic-solution',
        title: 'There Is No Diplomatic Solution',
        author: null,
        stance: 'sceptical of guarantees',
        summary:
          'A security guarantee that depends on the goodwill of the next U.S. administration is no guarantee at all.',
        quotes: [quoteOf(5), quoteOf(6)],
      },
      {
        docId: '002-the-korea-model',
        title: 'The Korea Model: An Armistice Without Peace',
        author: 'A. Reader',
        stance: 'for a cease fire',
        summary: 'A cease fire along the current line is ripe.',
        quotes: [quoteOf(9)],
      },
    ],
    silent: ['003-עמדה-אחרת'],
    suggestions: [],
  };

  it('gives one field per author with stance, summary and cited quotes, then the silent documents', () => {
    const reply = renderPositions(positions, lookup);
    expectSafe(reply);
    const fields = reply.embeds?.[0]?.fields ?? [];
    expect(fields[0]?.name).toBe('1. There Is No Diplomatic Solution — Unsigned');
    expect(fields[0]?.value).toMatch(/^\*\*sceptical of guarantees\*\* — A security guarantee/u);
    expect(fields[0]?.value).toContain('> Only a Ukraine inside the alliance');
    expect(fields[0]?.value).toContain('Security guarantees · ¶ 3');
    expect(fields[1]?.name).toBe('2. The Korea Model: An Armistice Without Peace — A. Reader');
    expect(fields[2]).toEqual({ name: 'Not addressing it', value: 'עמדה אחרת: שלום עכשיו 🕊️' });
  });

  it('stays within every limit with many long positions and a long silent list', () => {
    const many: PositionsResult = {
      topic: HOSTILE,
      positions: Array.from({ length: 30 }, (_, i) => ({
        docId: `doc-${i}`,
        title: `${HOSTILE} ${i}`.repeat(3),
        author: HOSTILE,
        stance: HOSTILE,
        summary: HOSTILE.repeat(10),
        quotes: [longQuote(i), longQuote(i + 1), longQuote(i + 2)],
      })),
      silent: Array.from({ length: 400 }, (_, i) => `silent-${i}`),
      suggestions: [],
    };
    const reply = renderPositions(many, lookup);
    expectSafe(reply);
    expect(reply.embeds?.[0]?.description).toContain(
      '30 documents take a position; the 8 most direct are shown',
    );
    expect(reply.embeds?.[0]?.fields?.at(-1)?.value).toMatch(/and \d+ more$/u);
  });

  it('says plainly when nobody takes a position', () => {
    const reply = renderPositions(
      { topic: 'tariffs', positions: [], silent: ['a'], suggestions: ['territory'] },
      lookup,
    );
    expectSafe(reply);
    expect(reply.embeds?.[0]?.description).toContain('No document in the reading list takes a position');
    expect(reply.embeds?.[0]?.description).toContain('Did you mean **territory**?');
  });
});

describe('renderContrast', () => {
  const pair = { a: quoteOf(2), b: quoteOf(9), axis: 'whether a cease fire now is a trap or ripe' };

  it('puts each pair side by side under its axis line', () => {
    const reply = renderContrast({ topic: 'cease fire', pairs: [pair], note: null, suggestions: [] }, lookup);
    expectSafe(reply);
    const fields = reply.embeds?.[0]?.fields ?? [];
    expect(fields[0]?.name).toBe('1. whether a cease fire now is a trap or ripe');
    expect(fields[0]?.value).toContain(
      '**A** [There Is No Diplomatic Solution](https://example.org/essays/no-diplomatic-solution) · Unsigned',
    );
    expect(fields[0]?.value).toContain('**B** *The Korea Model: An Armistice Without Peace* · A. Reader');
    expect(fields[1]).toMatchObject({ name: 'A', inline: true });
    expect(fields[1]?.value).toContain('> It is also, I am convinced, a delusion');
    expect(fields[2]).toMatchObject({ name: 'B', inline: true });
  });

  it('shows the note when there is no real disagreement', () => {
    const reply = renderContrast(
      {
        topic: 'tariffs',
        pairs: [],
        note: 'The documents do not disagree about tariffs @everyone.',
        suggestions: [],
      },
      lookup,
    );
    expectSafe(reply);
    expect(reply.embeds?.[0]?.description).toContain(
      'The documents do not disagree about tariffs @\u200beveryone.',
    );
  });

  it('stays within 25 fields and 6,000 characters with many long pairs', () => {
    const pairs = Array.from({ length: 12 }, (_, i) => ({
      a: longQuote(i),
      b: longQuote(i + 1),
      axis: HOSTILE.repeat(3),
    }));
    const reply = renderContrast({ topic: HOSTILE, pairs, note: HOSTILE, suggestions: [] }, lookup);
    expectSafe(reply);
    const fields = reply.embeds?.[0]?.fields ?? [];
    expect(fields.length % 3).toBe(0);
    expect(fields.length).toBeGreaterThanOrEqual(6);
    expect(reply.embeds?.[0]?.description).toContain(
      `12 pairs of authors disagree; the ${fields.length / 3} clearest are shown.`,
    );
  });
});

describe('study', () => {
  const guide: StudyGuide = {
    docId: '001-no-diplomatic-solution',
    title: 'There Is No Diplomatic Solution',
    author: null,
    source: 'https://example.org/essays/no-diplomatic-solution',
    overview:
      'The essay argues that peace will come on the battlefield. It calls negotiation-mania a delusion.',
    quotes: [quoteOf(2), quoteOf(5), quoteOf(6)],
    questions: [
      'Is a guarantee outside the alliance worth anything?',
      'How would the Korea Model essay answer the claim that talks are a delusion?',
    ],
  };

  it('renders the guide: title linked, Unsigned, overview, key quotes, questions', () => {
    const reply = renderStudyGuide(guide, lookup);
    expectSafe(reply);
    const embed = reply.embeds?.[0];
    expect(embed?.url).toBe('https://example.org/essays/no-diplomatic-solution');
    expect(embed?.description).toMatch(/^\*Unsigned\*\n\n\*\*Overview\*\*\nThe essay argues/u);
    expect(embed?.fields?.[0]).toEqual({
      name: 'Key quote 1',
      value:
        '> It is also, I am convinced, a delusion — one that has cost a great many lives.\nThe comforting fiction · ¶ 1',
    });
    expect(embed?.fields?.at(-1)?.name).toBe('Discussion questions');
    expect(embed?.fields?.at(-1)?.value).toMatch(/^1\. Is a guarantee/u);
  });

  it('stays within limits with a long, hostile guide', () => {
    const reply = renderStudyGuide(
      {
        ...guide,
        title: HOSTILE.repeat(5),
        author: HOSTILE,
        overview: HOSTILE.repeat(40),
        quotes: Array.from({ length: 8 }, (_, i) => longQuote(i)),
        questions: Array.from({ length: 12 }, () => HOSTILE.repeat(3)),
      },
      lookup,
    );
    expectSafe(reply);
  });

  it('links the thread it created or found', () => {
    const created = renderStudyOutcome({
      title: '**Bold** @here',
      status: 'created',
      threadId: '123456789012345678',
    });
    expect(created.content).toBe(
      'Started a study thread for **\\*\\*Bold\\*\\* @\u200bhere**: <#123456789012345678>',
    );
    const existing = renderStudyOutcome({ title: 'T', status: 'existing', threadId: '123456789012345678' });
    expect(existing.content).toBe('A study thread for **T** is already open: <#123456789012345678>');
  });

  it('reports created, existing and failed for /study all, within limits', () => {
    const outcomes = [
      ...Array.from({ length: 30 }, (_, i) => ({
        title: `${HOSTILE} ${i}`,
        status: 'created' as const,
        threadId: `1${i}`.padEnd(18, '0'),
      })),
      ...Array.from({ length: 30 }, (_, i) => ({
        title: `Old ${i}`,
        status: 'existing' as const,
        threadId: `2${i}`.padEnd(18, '0'),
      })),
      { title: 'Broken', status: 'failed' as const, reason: 'Discord says I lack a permission here.' },
    ];
    const reply = renderStudyReport(outcomes, 7, 25);
    expectSafe(reply);
    const description = reply.embeds?.[0]?.description ?? '';
    expect(description).toContain('**Created (30)**');
    expect(description).toContain('**Already open (30)**');
    expect(description).toContain('**Failed (1)**\nBroken: Discord says I lack a permission here.');
    expect(description).toContain('…and 18 more');
    expect(description).toContain('7 more documents not opened yet');
    expect(reply.embeds?.[0]?.footer?.text).toBe('30 created · 30 already open · 1 failed');
  });
});

describe('renderDocs', () => {
  it('lists each document with its thesis: the summary, else the first author sentence', () => {
    const reply = renderDocs(listDocuments(fakeIndex()), 0);
    expectSafe(reply);
    const description = reply.embeds?.[0]?.description ?? '';
    expect(description).toContain(
      '**1.** [There Is No Diplomatic Solution](https://example.org/essays/no-diplomatic-solution) — Unsigned\nPeace will come on the battlefield, not at the negotiating table.',
    );
    expect(description).toContain(
      '**2.** *The Korea Model: An Armistice Without Peace* — A. Reader\nThe Korean armistice of 1953 froze a front line, not a settlement.',
    );
    expect(reply.embeds?.[0]?.footer?.text).toBe(
      `documents 1–3 of 3 · ${CORPUS.sentenceCount} passages indexed`,
    );
    expect(reply.components).toEqual([]);
  });

  it('pages a long reading list', () => {
    const corpus = makeCorpus(
      Array.from({ length: 57 }, (_, i) => ({
        docId: `doc-${i}`,
        title: `${HOSTILE} ${i}`,
        summary: HOSTILE.repeat(4),
        paragraphs: [{ sentences: ['One sentence.'] }],
      })),
    );
    const list = listDocuments(fakeIndex(corpus));
    const first = renderDocs(list, 0);
    expectSafe(first);
    const shown = Number(first.embeds?.[0]?.footer?.text?.match(/^documents 1–(\d+) of 57/u)?.[1]);
    expect(shown).toBeGreaterThan(2);
    expect(shown).toBeLessThanOrEqual(10);
    expect(parseCustomId(button(first, 'More')!.custom_id)).toEqual({
      key: 'docs:page',
      state: { offset: shown },
    });
    const last = renderDocs(list, 55);
    expectSafe(last);
    expect(last.embeds?.[0]?.footer?.text).toMatch(/^documents 56–57 of 57/u);
    expect(button(last, 'More')).toBeUndefined();
    expect(parseCustomId(button(last, 'Previous')!.custom_id)).toEqual({
      key: 'docs:page',
      state: { offset: 45 },
    });
  });

  it('says when the reading list is empty', () => {
    const reply = renderDocs({ documents: [] }, 0);
    expectSafe(reply);
    expect(reply.embeds?.[0]?.description).toContain('empty');
  });
});

describe('renderHelp', () => {
  it('lists every command and its options from their definitions', () => {
    const reply = renderHelp(
      commands.map((c) => c.data.toJSON()),
      { documents: 5, passages: 312 },
    );
    expectSafe(reply);
    const description = reply.embeds?.[0]?.description ?? '';
    expect(description).toContain('**/quote** `topic` `[document]` `[limit]` `[comments]` `[private]`');
    expect(description).toContain('**/study doc** `document`');
    expect(description).toContain('**/study all**');
    expect(description).toContain('**/help**');
    expect(reply.ephemeral).toBe(true);
  });
});
