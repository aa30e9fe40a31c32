import {
  ApplicationCommandOptionType,
  MessageFlags,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
} from 'discord.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import * as quoteCommand from '../../commands/quote.js';
import type { CommandContext } from '../../src/discord/command.js';
import { encodeContext, encodeQuotePage, parseCustomId } from '../../src/discord/custom-id.js';
import { createLogger } from '../../src/discord/logger.js';
import { validateTopic } from '../../src/discord/options.js';
import { createRouter } from '../../src/discord/router.js';
import { limitViolations } from '../../src/render/discord/reply.js';
import type * as QuoteModule from '../../src/search/quote.js';
import type { QuoteOptions, QuoteResult } from '../../src/search/types.js';
import { FakeInteraction } from './fake-interaction.js';
import { CORPUS, HOSTILE, fakeIndex, makeCorpus, quoteOf } from './fixtures.js';

const quoteSpy = vi.hoisted(() => ({
  calls: [] as QuoteOptions[],
  result: null as QuoteResult | null,
}));

vi.mock('../../src/search/quote.js', async (importOriginal) => ({
  ...(await importOriginal<typeof QuoteModule>()),
  quote: (_index: unknown, options: QuoteOptions): QuoteResult => {
    quoteSpy.calls.push(options);
    return (
      quoteSpy.result ?? {
        query: options.topic,
        results: [quoteOf(5), quoteOf(6)],
        suggestions: [],
        total: 7,
        offset: options.offset ?? 0,
        docId: options.doc ?? null,
      }
    );
  },
}));

vi.mock('../../src/analysis/positions.js', () => ({
  positions: (_index: unknown, options: { topic: string }) => ({
    topic: options.topic,
    positions: [],
    silent: [],
    suggestions: [],
  }),
}));

vi.mock('../../src/analysis/contrast.js', () => ({
  contrast: (_index: unknown, options: { topic: string }) => ({
    topic: options.topic,
    pairs: [],
    note: 'No real disagreement.',
    suggestions: [],
  }),
}));

beforeEach(() => {
  quoteSpy.calls.length = 0;
  quoteSpy.result = null;
});

function ctx(index = fakeIndex()): CommandContext {
  return { index, commands, log: createLogger('silent') };
}

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

function checkOptions(options: readonly APIApplicationCommandOption[], where: string): void {
  expect(options.length, where).toBeLessThanOrEqual(25);
  let optionalSeen = false;
  for (const option of options) {
    expect(option.name, where).toMatch(NAME);
    expect(option.name, where).toBe(option.name.toLowerCase());
    expect(option.description.length, `${where} ${option.name}`).toBeGreaterThan(0);
    expect(option.description.length, `${where} ${option.name}`).toBeLessThanOrEqual(100);
    if ('options' in option && option.options) checkOptions(option.options, `${where} ${option.name}`);
    const basic = option as APIApplicationCommandBasicOption;
    if (basic.required)
      expect(optionalSeen, `${where}: required ${option.name} after an optional one`).toBe(false);
    else optionalSeen = true;
  }
}

describe('command definitions', () => {
  it('are valid for Discord: names, descriptions within 100, required options first', () => {
    const names = commands.map((c) => c.data.name);
    expect(names).toEqual(['quote', 'positions', 'contrast', 'study', 'docs', 'help']);
    for (const command of commands) {
      const json = command.data.toJSON();
      expect(json.name).toMatch(NAME);
      expect(json.description.length).toBeGreaterThan(0);
      expect(json.description.length).toBeLessThanOrEqual(100);
      checkOptions(json.options ?? [], json.name);
    }
  });

  it('bound the topic (2–200, autocomplete) and the limit (1–25)', () => {
    for (const name of ['quote', 'positions', 'contrast']) {
      const json = commands.find((c) => c.data.name === name)!.data.toJSON();
      expect(json.options?.find((o) => o.name === 'topic')).toMatchObject({
        type: ApplicationCommandOptionType.String,
        required: true,
        min_length: 2,
        max_length: 200,
        autocomplete: true,
      });
      expect(json.options?.find((o) => o.name === 'private')).toMatchObject({
        type: ApplicationCommandOptionType.Boolean,
      });
    }
    const quote = quoteCommand.data.toJSON();
    expect(quote.options?.find((o) => o.name === 'limit')).toMatchObject({ min_value: 1, max_value: 25 });
    const study = commands.find((c) => c.data.name === 'study')!.data.toJSON();
    expect(study.options?.map((o) => o.name)).toEqual(['doc', 'all']);
  });
});

describe('validateTopic', () => {
  it.each([
    ['', /Give me a topic/u],
    ['   \n\t ', /Give me a topic/u],
    ['x'.repeat(500), /That topic is 500 characters long; keep it to 200 or fewer/u],
    ['😀'.repeat(201), /201 characters/u],
  ])('refuses %j', (topic, message) => {
    const reply = validateTopic(new FakeInteraction({ options: { topic } }) as never);
    expect(reply?.content).toMatch(message);
    expect(reply?.ephemeral).toBe(true);
  });

  it.each(['security guarantees', 'שלום עכשיו', '🕊️ peace', HOSTILE.slice(0, 150), '😀'.repeat(200)])(
    'accepts %j',
    (topic) => {
      expect(validateTopic(new FakeInteraction({ options: { topic } }) as never)).toBeNull();
    },
  );
});

describe('/quote', () => {
  it('searches with the options given and renders the result', () => {
    const reply = quoteCommand.execute(
      new FakeInteraction({
        options: { topic: '  security   guarantees ', limit: 40, comments: true },
      }) as never,
      ctx(),
    );
    expect(quoteSpy.calls).toEqual([{ topic: 'security guarantees', limit: 25, offset: 0, comments: true }]);
    expect(reply.embeds?.[0]?.footer?.text).toBe('results 1–2 of 7 · reader comments included');
    expect(limitViolations(reply)).toEqual([]);
  });

  it('restricts to a document given by title', () => {
    quoteCommand.execute(
      new FakeInteraction({ options: { topic: 'armistice', document: 'korea model' } }) as never,
      ctx(),
    );
    expect(quoteSpy.calls[0]).toMatchObject({ doc: '002-the-korea-model' });
  });

  it('answers an unknown document privately, with the nearest titles', () => {
    const reply = quoteCommand.execute(
      new FakeInteraction({ options: { topic: 'armistice', document: 'The Korea Modle' } }) as never,
      ctx(),
    );
    expect(quoteSpy.calls).toEqual([]);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe(
      'No document in the reading list matches “The Korea Modle”. Did you mean **The Korea Model: An Armistice Without Peace**?',
    );
  });

  it('pages with More, keeping topic, limit, comments and document', async () => {
    const customId = encodeQuotePage({
      topic: 'territory',
      offset: 2,
      limit: 2,
      comments: true,
      doc: '002-the-korea-model',
    });
    const answer = await quoteCommand.buttons['quote:page'](
      new FakeInteraction({ kind: 'button', customId }) as never,
      (parseCustomId(customId) as unknown as { state: never }).state,
      ctx(),
    );
    expect(answer.update).toBe(true);
    expect(quoteSpy.calls).toEqual([
      { topic: 'territory', limit: 2, offset: 2, comments: true, doc: '002-the-korea-model' },
    ]);
    expect(answer.reply.embeds?.[0]?.footer?.text).toMatch(/^results 3–4 of 7/u);
  });

  it('expands a shortened docId from a button', async () => {
    const longId = `${'x'.repeat(80)}-the-document`;
    const corpus = makeCorpus([{ docId: longId, title: 'Long id', paragraphs: [{ sentences: ['One.'] }] }]);
    const customId = encodeQuotePage({
      topic: 'x'.repeat(60),
      offset: 0,
      limit: 5,
      comments: false,
      doc: longId,
    });
    const state = (parseCustomId(customId) as { state: { docIsPrefix: boolean } }).state;
    expect(state.docIsPrefix).toBe(true);
    await quoteCommand.buttons['quote:page'](
      new FakeInteraction({ kind: 'button' }) as never,
      state as never,
      ctx(fakeIndex(corpus)),
    );
    expect(quoteSpy.calls[0]?.doc).toBe(longId);
  });

  it('shows the paragraph around a quote to the clicker only, by sentence id', async () => {
    const state = {
      sentenceId: 6,
      paragraph: 3,
      position: 1,
      doc: '001-no-diplomatic-solution',
      docIsPrefix: false,
    };
    const answer = await quoteCommand.buttons['quote:ctx'](
      new FakeInteraction({ kind: 'button' }) as never,
      state,
      ctx(),
    );
    expect(answer.update).toBe(false);
    expect(answer.reply.ephemeral).toBe(true);
    expect(answer.reply.embeds?.[0]?.description).toBe(
      'A security guarantee that depends on the goodwill of the next U.S. administration is no guarantee at all. **Only a Ukraine inside the alliance, or armed well enough to deter, is secure.**',
    );
  });

  it('finds the sentence by paragraph and position after a reload renumbered the ids', async () => {
    const state = {
      sentenceId: 99_999,
      paragraph: 1,
      position: 1,
      doc: '002-the-korea-model',
      docIsPrefix: false,
    };
    const answer = await quoteCommand.buttons['quote:ctx'](
      new FakeInteraction({ kind: 'button' }) as never,
      state,
      ctx(),
    );
    expect(answer.reply.embeds?.[0]?.description).toContain(
      '**Seventy years on, it has held — about 90% of the time without a shot.**',
    );
  });

  it('says so when the passage is gone', async () => {
    const state = { sentenceId: 1, paragraph: 40, position: 0, doc: 'gone', docIsPrefix: false };
    const answer = await quoteCommand.buttons['quote:ctx'](
      new FakeInteraction({ kind: 'button' }) as never,
      state,
      ctx(),
    );
    expect(answer.reply).toMatchObject({
      ephemeral: true,
      content: expect.stringMatching(/no longer in the reading list/u),
    });
  });

  it('suggests the most discussed topics before anything is typed, then completions', () => {
    const empty = quoteCommand.autocomplete(
      new FakeInteraction({ kind: 'autocomplete', focused: { name: 'topic', value: '' } }) as never,
      ctx(),
    );
    expect(empty.map((c) => c.value)).toEqual(['security guarantees', 'territory', 'cease fire']);
    const typed = quoteCommand.autocomplete(
      new FakeInteraction({ kind: 'autocomplete', focused: { name: 'topic', value: 'terr' } }) as never,
      ctx(),
    );
    expect(typed).toEqual([{ name: 'territory', value: 'territory' }]);
  });

  it('suggests documents by title, with the docId as the value', () => {
    const choices = quoteCommand.autocomplete(
      new FakeInteraction({ kind: 'autocomplete', focused: { name: 'document', value: 'korea' } }) as never,
      ctx(),
    );
    expect(choices).toEqual([
      { name: 'The Korea Model: An Armistice Without Peace — A. Reader', value: '002-the-korea-model' },
    ]);
  });
});

describe('through the router', () => {
  const route = createRouter({ commands, index: { current: fakeIndex() }, logger: createLogger('silent') });

  it.each([
    ['quote', { topic: '' }],
    ['quote', { topic: ' '.repeat(30) }],
    ['quote', { topic: 'x'.repeat(500) }],
    ['positions', { topic: '\t' }],
    ['contrast', { topic: 'y'.repeat(201) }],
  ])('/%s refuses %j privately without deferring', async (commandName, options) => {
    const interaction = new FakeInteraction({ commandName, options });
    await route(interaction.asInteraction);
    expect(interaction.calls.map((c) => c.method)).toEqual(['reply']);
    expect(interaction.last().options.flags).toBe(MessageFlags.Ephemeral);
  });

  it('answers /quote with a hostile topic safely, pinging no one', async () => {
    const interaction = new FakeInteraction({ options: { topic: HOSTILE.slice(0, 190) } });
    await route(interaction.asInteraction);
    expect(interaction.last().method).toBe('reply');
    expect(interaction.last().options.allowedMentions).toEqual({ parse: [] });
    const [embed] = interaction.last().options.embeds as { title: string }[];
    expect(embed?.title).not.toMatch(/@everyone|<@\d/u);
  });

  it('answers /docs and pages it', async () => {
    const interaction = new FakeInteraction({ commandName: 'docs', options: { private: true } });
    await route(interaction.asInteraction);
    expect(interaction.last().options.flags).toBe(MessageFlags.Ephemeral);
    const [embed] = interaction.last().options.embeds as { title: string; footer: { text: string } }[];
    expect(embed?.title).toBe(`Reading list (${CORPUS.documents.length} documents)`);
  });

  it('answers /help privately', async () => {
    const interaction = new FakeInteraction({ commandName: 'help' });
    await route(interaction.asInteraction);
    expect(interaction.last().options.flags).toBe(MessageFlags.Ephemeral);
  });

  it('defers /positions and /contrast, then edits in the answer', async () => {
    for (const commandName of ['positions', 'contrast']) {
      const interaction = new FakeInteraction({ commandName, options: { topic: 'territory' } });
      await route(interaction.asInteraction);
      expect(interaction.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
      expect(interaction.calls[0]?.options).toEqual({});
      const [embed] = interaction.last().options.embeds as { title: string }[];
      expect(embed?.title).toMatch(/^No (positions|disagreement) on “\u2068territory\u2069”$/u);
    }
  });

  it('routes a Context button from an answer back to /quote', async () => {
    const customId = encodeContext({
      sentenceId: 0,
      paragraph: 1,
      position: 0,
      doc: '001-no-diplomatic-solution',
    });
    const interaction = new FakeInteraction({ kind: 'button', customId });
    await route(interaction.asInteraction);
    expect(interaction.last()).toMatchObject({ method: 'reply', options: { flags: MessageFlags.Ephemeral } });
  });
});
