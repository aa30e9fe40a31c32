import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import type { Command } from '../../src/discord/command.js';
import { Cooldowns } from '../../src/discord/cooldown.js';
import { encodeDocsPage, encodeQuotePage } from '../../src/discord/custom-id.js';
import { createLogger } from '../../src/discord/logger.js';
import { createRouter } from '../../src/discord/router.js';
import { UserError } from '../../src/errors.js';
import { FakeInteraction } from './fake-interaction.js';
import { fakeIndex } from './fixtures.js';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function command(overrides: Partial<Command> & { name?: string } = {}): Command {
  const { name = 'quote', ...rest } = overrides;
  return {
    data: new SlashCommandBuilder().setName(name).setDescription('test command'),
    cooldown: 0,
    defer: false,
    execute: () => ({ content: 'ok' }),
    ...rest,
  };
}

function setup(commands: Command[], clock = { now: 1_000_000 }) {
  const { logger, lines } = memoryLogger();
  const cooldowns = new Cooldowns(() => clock.now);
  const route = createRouter({ commands, index: { current: fakeIndex() }, logger, cooldowns });
  return { route, lines, clock };
}

describe('router: commands', () => {
  it('answers through respond with mentions off', async () => {
    const { route } = setup([command({ execute: () => ({ content: '@everyone hello' }) })]);
    const interaction = new FakeInteraction();
    await route(interaction.asInteraction);
    expect(interaction.last()).toMatchObject({
      method: 'reply',
      options: { content: '@everyone hello', allowedMentions: { parse: [] } },
    });
    expect(interaction.last().options.flags).toBeUndefined();
  });

  it('makes the answer ephemeral when private is set', async () => {
    const { route } = setup([command()]);
    const interaction = new FakeInteraction({ options: { private: true } });
    await route(interaction.asInteraction);
    expect(interaction.last().options.flags).toBe(MessageFlags.Ephemeral);
  });

  it('defers first when the command says so, with the visibility of the answer, then edits', async () => {
    const { route } = setup([command({ defer: true })]);
    const interaction = new FakeInteraction({ options: { private: true } });
    await route(interaction.asInteraction);
    expect(interaction.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
    expect(interaction.calls[0]?.options).toEqual({ flags: MessageFlags.Ephemeral });
    expect(interaction.last().options).toMatchObject({
      content: 'ok',
      embeds: [],
      components: [],
      allowedMentions: { parse: [] },
    });
  });

  it('turns a handler error into an ephemeral apology quoting the interaction id, and logs it', async () => {
    const { route, lines } = setup([
      command({
        execute: () => {
          throw new Error('boom');
        },
      }),
    ]);
    const interaction = new FakeInteraction({
      id: '1234567890123456789',
      options: { topic: 'territory', limit: 3 },
    });
    await route(interaction.asInteraction);
    expect(interaction.last().method).toBe('reply');
    expect(interaction.last().options.flags).toBe(MessageFlags.Ephemeral);
    expect(interaction.last().options.content).toContain('`1234567890123456789`');
    const logged = lines.find((l) => l.msg === 'interaction failed');
    expect(logged).toMatchObject({
      level: 50,
      command: 'quote',
      options: { topic: 'territory', limit: 3 },
      guild: '323456789012345678',
      interactionId: '1234567890123456789',
      err: { message: 'boom' },
    });
  });

  it('apologises by editing an ephemeral deferral', async () => {
    const { route } = setup([
      command({
        defer: true,
        execute: async () => {
          throw new Error('late boom');
        },
      }),
    ]);
    const interaction = new FakeInteraction({ options: { private: true } });
    await route(interaction.asInteraction);
    expect(interaction.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
    expect(interaction.last().options.content).toContain(interaction.id);
  });

  it('survives an apology that cannot be delivered', async () => {
    const { route, lines } = setup([
      command({
        execute: () => {
          throw new Error('boom');
        },
      }),
    ]);
    const interaction = new FakeInteraction({ failOn: 'reply' });
    await expect(route(interaction.asInteraction)).resolves.toBeUndefined();
    expect(lines.some((l) => l.msg === 'could not deliver the apology (interaction expired?)')).toBe(true);
  });

  it('shows a UserError from the core as is, not as an apology', async () => {
    const { route, lines } = setup([
      command({
        execute: () => {
          throw new UserError('No document matches "zzz".', ['The Korea Model']);
        },
      }),
    ]);
    const interaction = new FakeInteraction();
    await route(interaction.asInteraction);
    expect(interaction.last().options.content).toBe(
      'No document matches "zzz". Did you mean **The Korea Model**?',
    );
    expect(interaction.last().options.flags).toBe(MessageFlags.Ephemeral);
    expect(lines.some((l) => l.msg === 'interaction failed')).toBe(false);
  });

  it('refuses invalid input ephemerally, before deferring and without starting the cooldown', async () => {
    const execute = vi.fn(() => ({ content: 'ok' }));
    const { route } = setup([
      command({
        defer: true,
        cooldown: 60,
        execute,
        validate: (i) => (i.options.getString('topic')?.trim() ? null : { content: 'Give me a topic.' }),
      }),
    ]);
    const refused = new FakeInteraction({ options: { topic: '   ' } });
    await route(refused.asInteraction);
    expect(refused.calls.map((c) => c.method)).toEqual(['reply']);
    expect(refused.last().options).toMatchObject({
      content: 'Give me a topic.',
      flags: MessageFlags.Ephemeral,
    });
    expect(execute).not.toHaveBeenCalled();

    const accepted = new FakeInteraction({ options: { topic: 'territory' } });
    await route(accepted.asInteraction);
    expect(execute).toHaveBeenCalledOnce();
  });

  it('says so for a command it does not know', async () => {
    const { route } = setup([command()]);
    const interaction = new FakeInteraction({ commandName: 'gone' });
    await route(interaction.asInteraction);
    expect(interaction.last().options.content).toContain('/gone');
    expect(interaction.last().options.flags).toBe(MessageFlags.Ephemeral);
  });
});

describe('router: cooldowns', () => {
  it('holds one user back per command, says when to retry, and lets go after the cooldown', async () => {
    const execute = vi.fn(() => ({ content: 'ok' }));
    const { route, clock } = setup([
      command({ cooldown: 3, execute }),
      command({ name: 'docs', cooldown: 3, execute }),
    ]);
    await route(new FakeInteraction().asInteraction);
    const second = new FakeInteraction();
    clock.now += 1000;
    await route(second.asInteraction);
    expect(execute).toHaveBeenCalledTimes(1);
    expect(second.last().options.content).toMatch(/you can use `\/quote` again <t:\d+:R> \(in 2 s\)/u);
    expect(second.last().options.flags).toBe(MessageFlags.Ephemeral);

    // Another user, and another command, are not held back.
    await route(new FakeInteraction({ userId: '999999999999999999' }).asInteraction);
    await route(new FakeInteraction({ commandName: 'docs' }).asInteraction);
    expect(execute).toHaveBeenCalledTimes(3);

    clock.now += 2000;
    await route(new FakeInteraction().asInteraction);
    expect(execute).toHaveBeenCalledTimes(4);
  });

  it('keys subcommands separately, with their own length (/study all longer)', async () => {
    const execute = vi.fn(() => ({ content: 'ok' }));
    const study = command({
      name: 'study',
      cooldown: (i) => (i.options.getSubcommand(false) === 'all' ? 120 : 15),
      execute,
    });
    const { route, clock } = setup([study]);
    await route(new FakeInteraction({ commandName: 'study', subcommand: 'all' }).asInteraction);
    await route(new FakeInteraction({ commandName: 'study', subcommand: 'doc' }).asInteraction);
    expect(execute).toHaveBeenCalledTimes(2);
    clock.now += 20_000;
    await route(new FakeInteraction({ commandName: 'study', subcommand: 'doc' }).asInteraction);
    const held = new FakeInteraction({ commandName: 'study', subcommand: 'all' });
    await route(held.asInteraction);
    expect(execute).toHaveBeenCalledTimes(3);
    expect(held.last().options.content).toContain('`/study all`');
  });
});

describe('Cooldowns', () => {
  it('forgets expired entries when it grows large', () => {
    const clock = { now: 0 };
    const cooldowns = new Cooldowns(() => clock.now);
    for (let i = 0; i < 10_000; i++) cooldowns.take(`u${i}`, 'quote', 1);
    clock.now = 5000;
    expect(cooldowns.take('late', 'quote', 1)).toBe(0);
    expect(cooldowns.size).toBe(1);
  });
});

describe('router: buttons', () => {
  it('routes a button by its custom_id and updates the message in place', async () => {
    const handler = vi.fn(() => ({ reply: { content: 'page 2' }, update: true }));
    const { route } = setup([command({ buttons: { 'quote:page': handler } })]);
    const customId = encodeQuotePage({ topic: 'territory', offset: 5, limit: 5, comments: false, doc: null });
    const interaction = new FakeInteraction({ kind: 'button', customId });
    await route(interaction.asInteraction);
    expect(handler).toHaveBeenCalledWith(
      interaction,
      expect.objectContaining({ topic: 'territory', offset: 5, limit: 5 }),
      expect.anything(),
    );
    expect(interaction.last()).toMatchObject({
      method: 'update',
      options: { content: 'page 2', embeds: [], components: [], allowedMentions: { parse: [] } },
    });
  });

  it('answers a stale or unknown button ephemerally', async () => {
    const { route } = setup([command()]);
    for (const customId of ['quote:page:0:1:2', 'something-else', encodeDocsPage({ offset: 3 })]) {
      const interaction = new FakeInteraction({ kind: 'button', customId });
      await route(interaction.asInteraction);
      expect(interaction.last().method).toBe('reply');
      expect(interaction.last().options.flags).toBe(MessageFlags.Ephemeral);
      expect(interaction.last().options.content).toMatch(/no longer works/u);
    }
  });

  it('apologises when a button handler fails', async () => {
    const { route } = setup([
      command({
        buttons: {
          'docs:page': () => {
            throw new Error('nope');
          },
        },
      }),
    ]);
    const interaction = new FakeInteraction({ kind: 'button', customId: encodeDocsPage({ offset: 0 }) });
    await route(interaction.asInteraction);
    expect(interaction.last()).toMatchObject({ method: 'reply', options: { flags: MessageFlags.Ephemeral } });
    expect(interaction.last().options.content).toContain(interaction.id);
  });
});

describe('router: autocomplete', () => {
  it('answers with the fitted choices', async () => {
    const { route } = setup([
      command({
        autocomplete: () => [
          { name: 'x'.repeat(150), value: 'a' },
          { name: 'dup', value: 'a' },
          { name: '  ', value: 'b' },
          ...Array.from({ length: 40 }, (_, i) => ({ name: `t${i}`, value: `v${i}` })),
        ],
      }),
    ]);
    const interaction = new FakeInteraction({
      kind: 'autocomplete',
      focused: { name: 'topic', value: 'te' },
    });
    await route(interaction.asInteraction);
    const choices = interaction.last().options as unknown as { name: string; value: string }[];
    expect(interaction.last().method).toBe('respond');
    expect(choices).toHaveLength(25);
    expect(choices[0]?.name).toHaveLength(100);
    expect(new Set(choices.map((c) => c.value)).size).toBe(25);
  });

  it('answers [] when autocomplete throws, and logs it', async () => {
    const { route, lines } = setup([
      command({
        autocomplete: () => {
          throw new Error('index not ready');
        },
      }),
    ]);
    const interaction = new FakeInteraction({
      kind: 'autocomplete',
      focused: { name: 'topic', value: 'te' },
    });
    await route(interaction.asInteraction);
    expect(interaction.last()).toEqual({ method: 'respond', options: [] });
    expect(lines.find((l) => l.msg === 'autocomplete failed; answering with no choices')).toMatchObject({
      focused: { name: 'topic', value: 'te' },
    });
  });

  it('answers [] for a command without autocomplete', async () => {
    const { route } = setup([command()]);
    const interaction = new FakeInteraction({ kind: 'autocomplete', focused: { name: 'topic', value: '' } });
    await route(interaction.asInteraction);
    expect(interaction.last()).toEqual({ method: 'respond', options: [] });
  });
});
