import {
  ChannelFlagsBitField,
  ChannelFlags,
  ChannelType,
  Collection,
  DiscordAPIError,
  MessageFlags,
  PermissionFlagsBits,
  PermissionsBitField,
  RESTJSONErrorCodes,
} from 'discord.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as study from '../../commands/study.js';
import type { CommandContext } from '../../src/discord/command.js';
import { createLogger } from '../../src/discord/logger.js';
import { createRouter } from '../../src/discord/router.js';
import { openStudyThread, studyHost, threadName, type ThreadHost } from '../../src/discord/study-threads.js';
import { FakeInteraction } from './fake-interaction.js';
import { CORPUS, fakeIndex } from './fixtures.js';

vi.mock('../../src/analysis/study.js', () => ({
  study: (_index: unknown, docId: string) => ({
    docId,
    title: `Guide for ${docId}`,
    author: null,
    source: null,
    overview: 'An overview @everyone.',
    quotes: [],
    questions: ['What is the central claim?'],
  }),
}));

interface FakeThread {
  id: string;
  name: string;
  parentId: string;
  archived: boolean;
  send: ReturnType<typeof vi.fn>;
  delete: ReturnType<typeof vi.fn>;
}

let nextId = 500000000000000000n;

function fakeHost(
  type: ChannelType = ChannelType.GuildText,
  active: { name: string; parentId?: string }[] = [],
) {
  const id = '223456789012345678';
  const threads = new Collection<string, FakeThread>();
  const makeThread = (name: string, parentId = id): FakeThread => {
    const thread = {
      id: String(nextId++),
      name,
      parentId,
      archived: false,
      send: vi.fn(async () => ({})),
      delete: vi.fn(async () => undefined),
    };
    return thread;
  };
  const listed = active.map((t) => makeThread(t.name, t.parentId));
  const host = {
    id,
    type,
    flags: new ChannelFlagsBitField(0),
    availableTags: [] as { id: string; name: string; moderated: boolean }[],
    isThread: () => false,
    threads: {
      cache: threads,
      fetchActive: vi.fn(async () => ({
        threads: new Collection([...listed, ...threads.values()].map((t) => [t.id, t])),
      })),
      create: vi.fn(async (options: { name: string }) => {
        const thread = makeThread(options.name);
        threads.set(thread.id, thread);
        return thread;
      }),
    },
  };
  return host;
}

/** Everything but Administrator (which would imply every other permission). */
const ALL = PermissionsBitField.All & ~PermissionFlagsBits.Administrator;

function interaction(channel: unknown, spec: ConstructorParameters<typeof FakeInteraction>[0] = {}) {
  return new FakeInteraction({ commandName: 'study', subcommand: 'doc', channel, ...spec });
}

function ctx(): CommandContext {
  const logger = createLogger('silent');
  return { index: fakeIndex(), commands: [], log: logger };
}

describe('studyHost: where /study may open threads', () => {
  it('refuses DMs', async () => {
    const check = await studyHost(interaction(null, { guildId: null }) as never);
    expect(check).toEqual({ ok: false, message: expect.stringMatching(/not in a DM/u) });
  });

  it('refuses inside a thread, pointing at its parent', async () => {
    const thread = { type: ChannelType.PublicThread, isThread: () => true, parentId: '111111111111111111' };
    const check = await studyHost(interaction(thread) as never);
    expect(check).toEqual({ ok: false, message: expect.stringContaining("You're inside a thread") });
    expect(!check.ok && check.message).toContain('<#111111111111111111>');
  });

  it('refuses a channel that cannot hold threads, naming its kind', async () => {
    const voice = { type: ChannelType.GuildVoice, isThread: () => false };
    const check = await studyHost(interaction(voice) as never);
    expect(!check.ok && check.message).toMatch(/Threads can't be opened in a voice channel/u);
  });

  it('names each missing permission', async () => {
    const without =
      ALL & ~PermissionFlagsBits.CreatePublicThreads & ~PermissionFlagsBits.SendMessagesInThreads;
    const check = await studyHost(interaction(fakeHost(), { appPermissions: without }) as never);
    expect(!check.ok && check.message).toContain(
      "I'm missing the **Create Public Threads** and **Send Messages in Threads** permissions in this channel.",
    );
  });

  it('checks Create Posts (Send Messages) in a forum', async () => {
    const check = await studyHost(
      interaction(fakeHost(ChannelType.GuildForum), {
        appPermissions: ALL & ~PermissionFlagsBits.SendMessages,
      }) as never,
    );
    expect(!check.ok && check.message).toContain('**Send Messages (Create Posts)**');
  });

  it.each([
    ChannelType.GuildText,
    ChannelType.GuildAnnouncement,
    ChannelType.GuildForum,
    ChannelType.GuildMedia,
  ])('accepts channel type %i with the permissions in place', async (type) => {
    const host = fakeHost(type);
    expect(await studyHost(interaction(host) as never)).toEqual({ ok: true, host });
  });
});

describe('threadName', () => {
  it('is the title, whitespace collapsed, 1–100 characters', () => {
    expect(threadName('  The   Korea Model ', 'x')).toBe('The Korea Model');
    expect([...threadName('😀'.repeat(150), 'x')]).toHaveLength(100);
    expect(threadName('   ', '002-doc')).toBe('002-doc');
  });
});

describe('openStudyThread', () => {
  const guide = () => ({ embeds: [{ title: 'Guide', description: 'Overview' }] });

  it('creates a thread named after the document and posts the guide in it, mentions off', async () => {
    const host = fakeHost();
    const outcome = await openStudyThread({
      host: host as unknown as ThreadHost,
      title: 'The Korea Model',
      docId: 'k',
      guide,
    });
    expect(outcome).toMatchObject({ status: 'created', title: 'The Korea Model' });
    expect(host.threads.create).toHaveBeenCalledWith({
      name: 'The Korea Model',
      reason: 'Parley /study: study thread',
    });
    const thread = [...host.threads.cache.values()][0]!;
    expect(thread.send).toHaveBeenCalledWith({
      embeds: [{ title: 'Guide', description: 'Overview' }],
      allowedMentions: { parse: [] },
    });
    expect(outcome.threadId).toBe(thread.id);
  });

  it('links the active thread instead of creating a duplicate', async () => {
    const host = fakeHost(ChannelType.GuildText, [
      { name: 'The Korea Model' },
      { name: 'Elsewhere', parentId: '9' },
    ]);
    const outcome = await openStudyThread({
      host: host as unknown as ThreadHost,
      title: 'The Korea Model',
      docId: 'k',
      guide,
    });
    expect(outcome.status).toBe('existing');
    expect(host.threads.create).not.toHaveBeenCalled();
  });

  it('creates only one thread when asked twice at once', async () => {
    const host = fakeHost();
    const request = { host: host as unknown as ThreadHost, title: 'Twice', docId: 't', guide };
    const outcomes = await Promise.all([openStudyThread(request), openStudyThread(request)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['created', 'existing']);
    expect(host.threads.create).toHaveBeenCalledTimes(1);
  });

  it('opens a forum post whose first message is the guide, with a required tag', async () => {
    const host = fakeHost(ChannelType.GuildForum);
    host.flags = new ChannelFlagsBitField(ChannelFlags.RequireTag);
    host.availableTags = [
      { id: '1', name: 'mods only', moderated: true },
      { id: '2', name: 'General', moderated: false },
      { id: '3', name: 'Study group', moderated: false },
    ];
    const outcome = await openStudyThread({
      host: host as unknown as ThreadHost,
      title: 'Forum doc',
      docId: 'f',
      guide,
    });
    expect(outcome.status).toBe('created');
    expect(host.threads.create).toHaveBeenCalledWith({
      name: 'Forum doc',
      reason: 'Parley /study: study thread',
      message: { embeds: [{ title: 'Guide', description: 'Overview' }], allowedMentions: { parse: [] } },
      appliedTags: ['3'],
    });
  });

  it('reports a permission refusal plainly and removes a thread left without its guide', async () => {
    const host = fakeHost();
    host.threads.create.mockImplementationOnce(async (options: { name: string }) => {
      const thread = {
        id: '7',
        name: options.name,
        parentId: host.id,
        archived: false,
        send: vi.fn(async () => {
          throw new DiscordAPIError(
            { code: RESTJSONErrorCodes.MissingPermissions, message: 'Missing Permissions' },
            RESTJSONErrorCodes.MissingPermissions,
            403,
            'POST',
            '/channels/7/messages',
            {},
          );
        }),
        delete: vi.fn(async () => undefined),
      };
      return thread;
    });
    const outcome = await openStudyThread({
      host: host as unknown as ThreadHost,
      title: 'No perms',
      docId: 'n',
      guide,
    });
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringMatching(/lack a permission/u) });
  });
});

describe('/study command', () => {
  beforeEach(() => {
    nextId = 600000000000000000n;
  });

  it('refuses an unknown document before deferring, with suggestions', async () => {
    const reply = await study.validate(
      interaction(fakeHost(), { options: { document: 'Korea Mod' } }) as never,
      ctx(),
    );
    expect(reply).toBeNull();
    const unknown = await study.validate(
      interaction(fakeHost(), { options: { document: 'zzzz' } }) as never,
      ctx(),
    );
    expect(unknown?.content).toMatch(/No document in the reading list matches “zzzz”/u);
  });

  it('refuses /study all without Manage Threads', async () => {
    const reply = await study.validate(
      interaction(fakeHost(), {
        subcommand: 'all',
        memberPermissions: PermissionFlagsBits.SendMessages,
      }) as never,
      ctx(),
    );
    expect(reply?.content).toContain('**Manage Threads**');
  });

  it('opens a thread, then links it the second time (through the router, all answers private)', async () => {
    const host = fakeHost();
    const route = createRouter({
      commands: [study],
      index: { current: fakeIndex() },
      logger: createLogger('silent'),
    });
    const first = interaction(host, { options: { document: '002-the-korea-model' } });
    await route(first.asInteraction);
    expect(first.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
    expect(first.calls[0]?.options).toEqual({ flags: MessageFlags.Ephemeral });
    expect(first.last().options.content).toMatch(
      /^Started a study thread for \*\*The Korea Model: An Armistice Without Peace\*\*: <#\d+>$/u,
    );

    const second = interaction(host, {
      options: { document: '002-the-korea-model' },
      userId: '777777777777777777',
    });
    await route(second.asInteraction);
    expect(second.last().options.content).toMatch(/is already open: <#\d+>$/u);
    expect(host.threads.create).toHaveBeenCalledTimes(1);
  });

  it('/study all reports created and existing', async () => {
    const host = fakeHost(ChannelType.GuildText, [{ name: 'There Is No Diplomatic Solution' }]);
    const reply = await study.execute(
      interaction(host, { subcommand: 'all', memberPermissions: PermissionFlagsBits.ManageThreads }) as never,
      ctx(),
    );
    const description = reply.embeds?.[0]?.description ?? '';
    expect(description).toMatch(/\*\*Created \(2\)\*\*/u);
    expect(description).toMatch(/\*\*Already open \(1\)\*\*\n<#\d+> There Is No Diplomatic Solution/u);
    expect(host.threads.create).toHaveBeenCalledTimes(CORPUS.documents.length - 1);
    expect(host.threads.fetchActive).toHaveBeenCalledTimes(1);
  });
});
