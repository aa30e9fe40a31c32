/**
 * End to end, through the real bot process against the fake Discord: start-up (deploy-commands, ready line,
 * intents), every reading command (/quote and its options, /positions, /contrast, /docs, /help), the buttons
 * (More, Context), autocomplete, and answers that would exceed Discord's limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus, CorpusDocument } from '../../src/corpus/types.js';
import { CorpusIndex } from '../../src/search/corpus-index.js';
import { quote } from '../../src/search/quote.js';
import { Intent, embedTextSize, type FakeDiscord, type FakeMessage } from '../fake-discord/index.js';
import {
  ask,
  buttonByLabel,
  buttonIds,
  chars,
  click,
  expectNoErrors,
  expectNoMentions,
  expectedCorpus,
  freshUser,
  logLines,
  quotedBlocks,
  startWorld,
  unescapeMarkdown,
  visibleText,
  type World,
} from './helpers/harness.js';

let world: World;
let fake: FakeDiscord;
let corpus: Corpus;

beforeAll(async () => {
  [world, corpus] = await Promise.all([startWorld({ npm: true }), expectedCorpus()]);
  fake = world.fake;
});

afterAll(async () => {
  await world?.stop();
});

/** The document with this title (as the citation shows it). */
function docByTitle(title: string): CorpusDocument {
  const doc = corpus.documents.find((d) => d.title === title);
  if (!doc) throw new Error(`no document titled ${JSON.stringify(title)}`);
  return doc;
}

/** A quote as shown (escapes removed) is a verbatim sentence of `doc`, or the start of one cut with "…". */
function isVerbatimIn(doc: CorpusDocument | undefined, shown: string): boolean {
  const pool = doc ? doc.sentences : [...corpus.eachSentence()];
  return pool.some((s) => {
    const text = s.text.replace(/\s+/gu, ' ').trim();
    return text === shown || (shown.endsWith('…') && text.startsWith(shown.slice(0, -1).trimEnd()));
  });
}

interface ShownQuote {
  number: number;
  text: string;
  title: string;
  voice: string;
  section: string | null;
  paragraph: number;
}

/** The quotes of a /quote page: each `> ` block with the citation line under it, parsed. */
function shownQuotes(msg: FakeMessage): ShownQuote[] {
  const description = msg.embeds[0]?.description ?? '';
  const texts = quotedBlocks(msg);
  const citations = description
    .split('\n')
    .filter((line) => /^\*\*\d+\*\* · /u.test(line))
    .map((line) => {
      // **3** · *Title* · Unsigned · Section · ¶ 7   or, for a reader comment,
      // **3** · Reader comment · *Title* · Comments · ¶ 30
      const parts = line.split(' · ');
      const number = Number(/^\*\*(\d+)\*\*$/u.exec(parts.shift() ?? '')?.[1]);
      const comment = parts[0] === 'Reader comment';
      if (comment) parts.shift();
      const title = /^\*(.+)\*$/u.exec(parts.shift() ?? '')?.[1];
      const voice = comment ? 'Reader comment' : (parts.shift() ?? '');
      const paragraph = Number(/^¶ (\d+)$/u.exec(parts.pop() ?? '')?.[1]);
      if (!title || !number || !paragraph || parts.length > 1)
        throw new Error(`citation not understood: ${line}`);
      return {
        number,
        title: unescapeMarkdown(title),
        voice,
        section: parts[0] ? unescapeMarkdown(parts[0]) : null,
        paragraph,
      };
    });
  expect(citations).toHaveLength(texts.length);
  return texts.map((text, i) => ({ ...citations[i]!, text }));
}

function footer(msg: FakeMessage): string {
  return msg.embeds[0]?.footer?.text ?? '';
}

describe('start-up', () => {
  it('npm run deploy-commands registers every command in the guild, with their options and autocomplete flags', () => {
    expect(world.deploy.code).toBe(0);
    expect(world.deploy.stdout).toContain(`Registered 6 commands in server ${fake.guild.id}`);
    expect(world.deploy.stdout).toContain('/study doc (document [channel]) | all ([channel])');

    const registered = fake.commands(fake.guild.id);
    expect(registered.map((c) => c.name).sort()).toEqual([
      'contrast',
      'docs',
      'help',
      'positions',
      'quote',
      'study',
    ]);
    expect(fake.world.globalCommands.size).toBe(0);
    // One PUT, from the deploy script: the bot itself registers nothing when it starts.
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.route.includes('/commands'));
    expect(puts.map((r) => [r.route, r.status])).toEqual([
      ['PUT /applications/:app/guilds/:guild/commands', 200],
    ]);

    const byName = new Map(registered.map((c) => [c.name, c]));
    type Option = {
      name: string;
      type: number;
      required?: boolean;
      autocomplete?: boolean;
      options?: Option[];
      [k: string]: unknown;
    };
    const options = (name: string): Option[] => (byName.get(name)?.options ?? []) as Option[];
    const topic = {
      name: 'topic',
      type: 3,
      required: true,
      autocomplete: true,
      min_length: 2,
      max_length: 200,
    };
    const privateFlag = { name: 'private', type: 5 };

    expect(options('quote')).toMatchObject([
      topic,
      { name: 'document', type: 3, autocomplete: true },
      { name: 'limit', type: 4, min_value: 1, max_value: 25 },
      { name: 'comments', type: 5 },
      privateFlag,
    ]);
    expect(options('quote')[1]?.required ?? false).toBe(false);
    expect(options('positions')).toMatchObject([topic, privateFlag]);
    expect(options('contrast')).toMatchObject([topic, privateFlag]);
    expect(options('docs')).toMatchObject([privateFlag]);
    expect(options('help')).toEqual([]);

    const channel = {
      name: 'channel',
      type: 7,
      channel_types: [0, 5, 15, 16],
      description: expect.stringMatching(/default: this channel.*forum.*post/u),
    };
    expect(options('study')).toMatchObject([
      {
        name: 'doc',
        type: 1,
        options: [{ name: 'document', type: 3, required: true, autocomplete: true }, channel],
      },
      { name: 'all', type: 1, options: [channel] },
    ]);
    expect(options('study')[0]?.options?.[1]?.required ?? false).toBe(false);
  });

  it('logs one ready line with the documents and passages it indexed, and uses only the Guilds intent', () => {
    const ready = logLines(world.bot, 'ready');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({
      documents: 5,
      passages: corpus.sentenceCount,
      guilds: 1,
    });
    expect(corpus.sentenceCount).toBeGreaterThan(100);
    const sessions = [...fake.gateway.sessions.values()];
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.intents).toBe(Intent.Guilds);
  });
});

describe('/quote', () => {
  it('answers at once with the quotes in blocks, each cited (title, "Unsigned", section, ¶), and buttons', async () => {
    const { rec, msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'security guarantees' },
      user: freshUser(fake),
    });
    expect(rec.ack).toMatchObject({ type: 4, ephemeral: false });
    expect(msg.embeds).toHaveLength(1);
    expect(msg.embeds[0]!.title).toBe('Quotes on “\u2068security guarantees\u2069”');
    const quotes = shownQuotes(msg);
    expect(quotes.map((q) => q.number)).toEqual([1, 2, 3, 4, 5]);
    for (const q of quotes) {
      const doc = docByTitle(q.title);
      expect(q.voice).toBe('Unsigned');
      expect(isVerbatimIn(doc, q.text), q.text).toBe(true);
      // The citation's place is the sentence's own: its paragraph (and section when it has one).
      const sentence = doc.sentences.find((s) => q.text.startsWith(s.text.slice(0, 40)));
      expect(sentence?.paragraph).toBe(q.paragraph);
      expect(sentence?.section ?? null).toBe(q.section);
    }
    expect(quotes.some((q) => q.section !== null)).toBe(true);
    expect(footer(msg)).toMatch(/^results 1–5 of \d+$/u);
    expect(msg.components.length).toBeLessThanOrEqual(5);
    expect(buttonIds(msg).map((id) => id.split(':').slice(0, 2).join(':'))).toEqual([
      ...Array(5).fill('quote:ctx'),
      'quote:page',
    ]);
  });

  it('is typo-tolerant: "securty guarantes" finds the quotes on security guarantees', async () => {
    const { msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'securty guarantes' },
      user: freshUser(fake),
    });
    expect(msg.embeds[0]!.title).toBe('Quotes on “\u2068securty guarantes\u2069”');
    const quotes = shownQuotes(msg);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(q.text).toMatch(/guarantee|security/iu);
    expect(quotes.some((q) => /security guarantees/iu.test(q.text))).toBe(true);
  });

  it('document: searches that document only (by id, as autocomplete fills it in, or by a title typed loosely)', async () => {
    const byId = await ask(fake, {
      name: 'quote',
      options: { topic: 'security', document: '001-everything-depends-on-security-guarantees', limit: 10 },
      user: freshUser(fake),
    });
    expect(byId.msg.embeds[0]!.title).toBe(
      'Quotes on “\u2068security\u2069” in Everything depends on the strength of security guarantees',
    );
    const quotes = shownQuotes(byId.msg);
    expect(quotes.length).toBeGreaterThan(1);
    for (const q of quotes) expect(q.title).toBe('Everything depends on the strength of security guarantees');

    const byTitle = await ask(fake, {
      name: 'quote',
      options: { topic: 'peace', document: 'putin does not want a deal' },
      user: freshUser(fake),
    });
    const titles = new Set(shownQuotes(byTitle.msg).map((q) => q.title));
    expect([...titles]).toEqual(['Putin does not want a deal, but enjoys being asked to entertain one']);
  });

  it('limit: shows that many quotes, with as many Context buttons', async () => {
    const { msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'security guarantees', limit: 2 },
      user: freshUser(fake),
    });
    expect(shownQuotes(msg)).toHaveLength(2);
    expect(footer(msg)).toMatch(/^results 1–2 of \d+$/u);
    const labels = msg.components.flatMap((row) =>
      'components' in row ? row.components.map((c) => ('label' in c ? c.label : '')) : [],
    );
    expect(labels).toEqual(['Context 1', 'Context 2', 'More']);
  });

  it('comments: reader comments are included only when asked, labelled "Reader comment"', async () => {
    const topic = 'security guarantees';
    const without = await ask(fake, { name: 'quote', options: { topic, limit: 25 }, user: freshUser(fake) });
    expect(visibleText(without.msg)).not.toContain('Reader comment');

    const withComments = await ask(fake, {
      name: 'quote',
      options: { topic, limit: 10, comments: true },
      user: freshUser(fake),
    });
    const comments = shownQuotes(withComments.msg).filter((q) => q.voice === 'Reader comment');
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) {
      expect(c.section).toBe('Comments');
      const doc = docByTitle(c.title);
      const sentence = doc.sentences.find((s) => c.text.startsWith(s.text.slice(0, 40)));
      expect(sentence?.kind).toBe('comment');
    }
    expect(footer(withComments.msg)).toContain('reader comments included');
  });

  it('private: only the person who asked sees the answer (ephemeral)', async () => {
    const { rec, msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'territory', private: true },
      user: freshUser(fake),
    });
    expect(rec.ack).toMatchObject({ type: 4, ephemeral: true });
    expect(msg.meta.ephemeral).toBe(true);
    expect(msg.flags & 64).toBe(64);
    expect(shownQuotes(msg).length).toBeGreaterThan(0);
    expect(fake.channelMessages(fake.guild.channels.text).some((m) => m.id === msg.id)).toBe(false);
  });
});

describe('/quote buttons', () => {
  it('"More" pages to the next results in place: new quotes each time, never a repeat', async () => {
    const first = await ask(fake, {
      name: 'quote',
      options: { topic: 'security guarantees' },
      user: freshUser(fake),
    });
    const seen = shownQuotes(first.msg).map((q) => q.text);
    const total = Number(/of (\d+)$/u.exec(footer(first.msg))?.[1]);
    expect(total).toBeGreaterThan(10);

    let page = first.msg;
    for (const [from, to] of [
      [6, 10],
      [11, 15],
    ] as const) {
      const clicker = freshUser(fake);
      const more = await click(fake, page, buttonByLabel(page, 'More'), { user: clicker });
      expect(more.rec.ack?.type).toBe(7); // the message itself is updated
      expect(more.msg.id).toBe(first.msg.id);
      expect(footer(more.msg)).toBe(`results ${from}–${to} of ${total}`);
      const quotes = shownQuotes(more.msg);
      expect(quotes.map((q) => q.number)).toEqual([from, from + 1, from + 2, from + 3, from + 4]);
      for (const q of quotes) {
        expect(seen).not.toContain(q.text);
        seen.push(q.text);
      }
      expect(buttonIds(more.msg).some((id) => id.startsWith('quote:page:1:'))).toBe(true);
      page = more.msg;
    }
    // Previous goes back.
    const back = await click(fake, page, buttonByLabel(page, 'Previous'));
    expect(footer(back.msg)).toBe(`results 6–10 of ${total}`);
  });

  it('"More" on a topic too long for the button pages through the whole topic, not its start', async () => {
    // Past ~60 characters the topic no longer fits the button's custom_id; its last word decides the answer.
    const topic =
      'what the authors of these essays keep saying about the long-run economic and human cost of sanctions';
    const index = CorpusIndex.build(corpus);
    const whole = quote(index, { topic, limit: 5, offset: 5 });
    const start = quote(index, { topic: topic.slice(0, 60), limit: 5, offset: 5 });
    expect(start.total).not.toBe(whole.total); // the test would prove nothing otherwise
    const first = await ask(fake, { name: 'quote', options: { topic }, user: freshUser(fake) });
    const moreButton = buttonByLabel(first.msg, 'More');
    expect(moreButton.length).toBeLessThanOrEqual(100);
    expect(moreButton).toMatch(/^quote:page:1:5:5:th:/u);
    const more = await click(fake, first.msg, moreButton, { user: freshUser(fake) });
    expect(footer(more.msg)).toBe(`results 6–${5 + Math.min(5, whole.total - 5)} of ${whole.total}`);
    expect(shownQuotes(more.msg).map((q) => [q.title, q.paragraph])).toEqual(
      whole.results.map((r) => [r.title, r.paragraph]),
    );
  });

  it('"Context" shows the whole paragraph around the quote, only to the person who clicked', async () => {
    const { msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'security guarantees', limit: 3 },
      user: freshUser(fake),
    });
    const quote = shownQuotes(msg)[1]!;
    const before = JSON.stringify(fake.world.messages.get(msg.id));
    const clicker = freshUser(fake, 'clicker');
    const ctx = await click(fake, msg, buttonByLabel(msg, 'Context 2'), { user: clicker });

    expect(ctx.rec.ack).toMatchObject({ type: 4, ephemeral: true });
    expect(ctx.msg.id).not.toBe(msg.id);
    expect(ctx.msg.meta.ephemeral).toBe(true);
    expect((ctx.msg.interaction_metadata?.user as { id: string }).id).toBe(clicker.id);
    // The answer on the channel is untouched.
    expect(JSON.stringify(fake.world.messages.get(msg.id))).toBe(before);

    const doc = docByTitle(quote.title);
    const paragraph = doc.paragraphs.find((p) => p.number === quote.paragraph && p.kind !== 'heading');
    expect(paragraph).toBeDefined();
    const embed = ctx.msg.embeds[0]!;
    expect(embed.title).toBe(quote.title);
    expect(embed.footer?.text).toBe(
      ['Unsigned', quote.section, `¶ ${quote.paragraph}`].filter(Boolean).join(' · '),
    );
    const description = embed.description ?? '';
    // The quoted sentence is in bold, and the whole paragraph is there (it fits in one embed).
    expect(unescapeMarkdown(description)).toContain(`**${quote.text}**`);
    const shown = unescapeMarkdown(description.replace(/\*\*/gu, ''));
    expect(shown.replace(/\s+/gu, ' ')).toBe(paragraph!.text.replace(/\s+/gu, ' ').trim());
  });
});

describe('the other commands', () => {
  it('/positions defers, then shows where each author stands, with verbatim quotes', async () => {
    const { rec, msg } = await ask(fake, {
      name: 'positions',
      options: { topic: 'territory' },
      user: freshUser(fake),
    });
    expect(rec.ack).toMatchObject({ type: 5, ephemeral: false });
    expect(msg.meta.loading).toBe(false);
    const embed = msg.embeds[0]!;
    expect(embed.title).toBe('Where the authors stand on “\u2068territory\u2069”');
    expect(embed.description).toMatch(/^\d+ documents? takes? a position/u);
    const authors = (embed.fields ?? []).filter((f) => /^\d+\. /u.test(f.name));
    expect(authors.length).toBeGreaterThan(1);
    for (const field of authors) {
      const [, title, voice] = /^\d+\. (.+) — (.+)$/u.exec(field.name) ?? [];
      const doc = docByTitle(unescapeMarkdown(title ?? ''));
      expect(voice).toBe('Unsigned');
      expect(field.value).toMatch(/^\*\*.+\*\* — /u); // the stance label in bold, then the summary
      const blocks = field.value
        .split('\n')
        .filter((l) => l.startsWith('> '))
        .map((l) => unescapeMarkdown(l.slice(2)));
      expect(blocks.length).toBeGreaterThan(0);
      for (const b of blocks) expect(isVerbatimIn(doc, b), b).toBe(true);
    }
  });

  it('/contrast defers, then sets the authors who disagree side by side (or says there is no disagreement)', async () => {
    const { rec, msg } = await ask(fake, {
      name: 'contrast',
      options: { topic: 'ceasefire' },
      user: freshUser(fake),
    });
    expect(rec.ack).toMatchObject({ type: 5, ephemeral: false });
    const embed = msg.embeds[0]!;
    if (embed.title?.startsWith('No disagreement')) {
      expect(embed.title).toBe('No disagreement on “\u2068ceasefire\u2069”');
      return;
    }
    expect(embed.title).toBe('Where the authors disagree on “\u2068ceasefire\u2069”');
    const fields = embed.fields ?? [];
    expect(fields.length % 3).toBe(0);
    for (let i = 0; i < fields.length; i += 3) {
      const [axis, a, b] = [fields[i]!, fields[i + 1]!, fields[i + 2]!];
      expect(axis.name).toMatch(new RegExp(`^${i / 3 + 1}\\. `, 'u'));
      const sides = [...axis.value.matchAll(/^\*\*([AB])\*\* \*(.+?)\* · Unsigned$/gmu)];
      expect(sides.map((s) => s[1])).toEqual(['A', 'B']);
      expect([a.name, a.inline, b.name, b.inline]).toEqual(['A', true, 'B', true]);
      for (const [side, field] of [
        [sides[0]!, a],
        [sides[1]!, b],
      ] as const) {
        const doc = docByTitle(unescapeMarkdown(side[2]!));
        const quote = field.value
          .split('\n')
          .filter((l) => l.startsWith('> '))
          .map((l) => unescapeMarkdown(l.slice(2)))
          .join(' ');
        expect(isVerbatimIn(doc, quote), quote).toBe(true);
      }
    }
  });

  it('/docs answers at once with the reading list: every title, "Unsigned", each thesis', async () => {
    const { rec, msg } = await ask(fake, { name: 'docs', user: freshUser(fake) });
    expect(rec.ack).toMatchObject({ type: 4, ephemeral: false });
    const embed = msg.embeds[0]!;
    expect(embed.title).toBe('Reading list (5 documents)');
    const description = unescapeMarkdown(embed.description ?? '');
    corpus.documents.forEach((doc, i) => {
      expect(description).toContain(`**${i + 1}.** *${doc.title}* — Unsigned`);
      expect(description).toContain((doc.summary ?? '').slice(0, 80));
    });
    expect(embed.footer?.text).toBe(`documents 1–5 of 5 · ${corpus.sentenceCount} passages indexed`);
    expect(msg.components).toEqual([]); // five documents fit one page
  });

  it('/help answers privately with every command and its options', async () => {
    const { rec, msg } = await ask(fake, { name: 'help', user: freshUser(fake) });
    expect(rec.ack).toMatchObject({ type: 4, ephemeral: true });
    const text = visibleText(msg);
    for (const usage of [
      '**/quote** `topic` `[document]` `[limit]` `[comments]` `[private]`',
      '**/positions** `topic` `[private]`',
      '**/contrast** `topic` `[private]`',
      '**/study doc** `document` `[channel]`',
      '**/study all** `[channel]`',
      '**/docs** `[private]`',
      '**/help**',
    ]) {
      expect(text).toContain(usage);
    }
    expect(msg.embeds[0]?.footer?.text).toBe(`5 documents · ${corpus.sentenceCount} passages indexed`);
  });
});

describe('autocomplete', () => {
  async function choices(opts: { name: string; focused: string; value: string; subcommand?: string }) {
    const i = fake.sendAutocomplete({ ...opts, user: freshUser(fake) });
    const rec = await i.response();
    expect(rec.ack?.type).toBe(8);
    const list = (rec.choices ?? []) as { name: string; value: string }[];
    expect(list.length).toBeLessThanOrEqual(25);
    for (const c of list) {
      expect(chars(c.name)).toBeGreaterThan(0);
      expect(chars(c.name)).toBeLessThanOrEqual(100);
      expect(chars(c.value)).toBeLessThanOrEqual(100);
    }
    expect(new Set(list.map((c) => c.value)).size).toBe(list.length);
    return list;
  }

  it('topic, nothing typed: the most discussed topics, 25 of them', async () => {
    const list = await choices({ name: 'quote', focused: 'topic', value: '' });
    expect(list).toHaveLength(25);
    const expected = CorpusIndex.build(corpus).topics(25);
    expect(list.map((c) => c.value)).toEqual(expected);
    expect(list.map((c) => c.value)).toEqual(expect.arrayContaining(['ukraine', 'russia', 'territory']));
    // The same on every command with a topic.
    const positions = await choices({ name: 'positions', focused: 'topic', value: '' });
    expect(positions.map((c) => c.value)).toEqual(expected);
  });

  it('topic, a prefix: topics starting with it first', async () => {
    const list = await choices({ name: 'quote', focused: 'topic', value: 'secur' });
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]!.value).toMatch(/^secur/u);
    const contrast = await choices({ name: 'contrast', focused: 'topic', value: 'terr' });
    expect(contrast[0]!.value).toMatch(/^terr/u);
  });

  it('topic, a typo: still suggests the topic meant', async () => {
    const list = await choices({ name: 'quote', focused: 'topic', value: 'terirtory' });
    expect(list.map((c) => c.value)).toContain('territory');
    const other = await choices({ name: 'positions', focused: 'topic', value: 'negotation' });
    expect(other.map((c) => c.value).some((v) => v.startsWith('negotiat'))).toBe(true);
  });

  it('document: titles, fuzzily (the value is the document id)', async () => {
    const fuzzy = await choices({ name: 'quote', focused: 'document', value: 'putin deel' });
    expect(fuzzy[0]).toEqual({
      name: 'Putin does not want a deal, but enjoys being asked to entertain one',
      value: '002-putin-does-not-want-a-deal',
    });
    const all = await choices({ name: 'study', subcommand: 'doc', focused: 'document', value: '' });
    expect(all.map((c) => c.value)).toEqual(corpus.documents.map((d) => d.docId));
    expect(all.map((c) => c.name)).toEqual(corpus.documents.map((d) => d.title));
    const typo = await choices({ name: 'study', subcommand: 'doc', focused: 'document', value: 'teritory' });
    expect(typo[0]?.value).toBe('003-territory-is-the-substance-of-the-conflict');
  });
});

describe("Discord's limits", () => {
  function withinLimits(msg: FakeMessage): void {
    expect(chars(msg.content)).toBeLessThanOrEqual(2000);
    expect(msg.embeds.length).toBeLessThanOrEqual(10);
    expect(embedTextSize(msg.embeds as unknown as Parameters<typeof embedTextSize>[0])).toBeLessThanOrEqual(
      6000,
    );
    for (const e of msg.embeds) {
      expect(chars(e.description ?? '')).toBeLessThanOrEqual(4096);
      expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
      for (const f of e.fields ?? []) expect(chars(f.value)).toBeLessThanOrEqual(1024);
    }
    expect(msg.components.length).toBeLessThanOrEqual(5);
  }

  it('/quote limit:25 on a broad topic is cut to what one message holds, and says where to go on', async () => {
    const { rec, msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'war', limit: 25, comments: true },
      user: freshUser(fake),
    });
    // The fake answers 400 to anything over a limit: every callback succeeding proves the truncation.
    expect(rec.callbacks.map((c) => c.status)).toEqual([204]);
    withinLimits(msg);
    const quotes = shownQuotes(msg);
    expect(quotes.length).toBeGreaterThan(5);
    expect(quotes.length).toBeLessThan(25);
    expect(footer(msg)).toMatch(new RegExp(`^results 1–${quotes.length} of \\d+`, 'u'));
    const more = await click(fake, msg, buttonByLabel(msg, 'More'));
    expect(footer(more.msg)).toMatch(new RegExp(`^results ${quotes.length + 1}–`, 'u'));
    withinLimits(more.msg);
  });

  it('/positions and /contrast on a broad topic fit one message', async () => {
    for (const name of ['positions', 'contrast']) {
      const { rec, msg } = await ask(fake, {
        name,
        options: { topic: 'war russia ukraine peace' },
        user: freshUser(fake),
      });
      const edits = rec.requests.filter((r) => r.method === 'PATCH');
      expect(edits.length).toBeGreaterThan(0);
      for (const e of edits) expect(e.status).toBe(200);
      withinLimits(msg);
      expect(msg.embeds[0]!.title).toMatch(/war russia ukraine peace/u);
    }
  });
});

describe('the whole run', () => {
  it('no REST errors, no bug in the fake, and no message that could ping anyone', () => {
    expectNoErrors(fake);
    expect(expectNoMentions(fake)).toBeGreaterThan(20);
  });
});
