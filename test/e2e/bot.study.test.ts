/**
 * End to end: study threads. `/study doc` opens a public thread named after the document with its guide as
 * the first message, and links it when run again; `/study all` opens the rest and reports created vs already
 * open, for members with Manage Threads only; the `channel` option opens forum posts (nobody can type a
 * command inside a forum). Runs on a copy of the corpus plus one document whose title is too long for a
 * thread name.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus, CorpusDocument } from '../../src/corpus/types.js';
import { Perm, type FakeDiscord, type FakeMessage, type FakeUser } from '../fake-discord/index.js';
import {
  ask,
  chars,
  copyCorpus,
  expectNoErrors,
  expectNoMentions,
  expectedCorpus,
  freshUser,
  removeDir,
  startWorld,
  unescapeMarkdown,
  visibleText,
  type World,
} from './helpers/harness.js';

const LONG_TITLE =
  'A reading of the long negotiation: why every ceasefire proposal since the first winter has failed, and what a durable settlement would actually require of both sides';
const LONG_DOC = `---
title: "${LONG_TITLE}"
summary: "Argues that ceasefires fail without guarantees."
---

Every ceasefire proposal so far has failed for the same reason: neither side believed the other would keep it. A settlement needs guarantees that survive a change of government.

## What a settlement requires

The first requirement is verification that both armies accept. The second is a guarantor with forces on the ground. Without both, a pause in the fighting is only a chance to rearm.

Negotiators who skip these questions are not making peace; they are scheduling the next war. The reading group should ask which of these conditions is missing today.
`;

let dir: string;
let world: World;
let fake: FakeDiscord;
let corpus: Corpus;
let text: string;
let forum: string;

beforeAll(async () => {
  dir = await copyCorpus();
  await writeFile(path.join(dir, '005-long-negotiation.md'), LONG_DOC);
  [world, corpus] = await Promise.all([startWorld({ corpusDir: dir }), expectedCorpus(dir)]);
  fake = world.fake;
  text = fake.guild.channels.text;
  forum = fake.guild.channels.forum;
});

afterAll(async () => {
  await world?.stop();
  await removeDir(dir);
});

const doc = (id: string): CorpusDocument => corpus.documents.find((d) => d.docId === id)!;
const TERRITORY = '003-territory-is-the-substance-of-the-conflict';

/** `<#id>` links in an answer. */
function links(msg: FakeMessage): string[] {
  return [...visibleText(msg).matchAll(/<#(\d+)>/gu)].map((m) => m[1]!);
}

/** Threads (and posts) under `parentId` with this name, active or not. */
function threadsNamed(parentId: string, name: string) {
  return fake.threads().filter((t) => t.parent_id === parentId && t.name === name);
}

function threadCreations(): number {
  return fake.requests.filter((r) => r.route === 'POST /channels/:channel/threads').length;
}

/** The study guide posted as a thread's first message: title, overview, key quotes, discussion questions. */
function expectGuide(message: FakeMessage | undefined, document: CorpusDocument): void {
  expect(message).toBeDefined();
  expect(message!.author.id).toBe(fake.botUser.id);
  const embed = message!.embeds[0]!;
  expect(unescapeMarkdown(embed.title ?? '')).toBe(
    chars(document.title) <= 200 ? document.title : expect.any(String),
  );
  expect(embed.description).toContain('*Unsigned*');
  expect(embed.description).toContain('**Overview**');
  const names = (embed.fields ?? []).map((f) => f.name);
  expect(names.filter((n) => n.startsWith('Key quote')).length).toBeGreaterThan(0);
  expect(names).toContain('Discussion questions');
  for (const field of embed.fields ?? []) {
    if (!field.name.startsWith('Key quote')) continue;
    const quote = unescapeMarkdown(
      field.value
        .split('\n')
        .filter((l) => l.startsWith('> '))
        .map((l) => l.slice(2))
        .join(' '),
    );
    const verbatim = document.sentences.some(
      (s) => s.text === quote || (quote.endsWith('…') && s.text.startsWith(quote.slice(0, -1).trimEnd())),
    );
    expect(verbatim, quote).toBe(true);
  }
  const questions = embed.fields!.find((f) => f.name === 'Discussion questions')!.value;
  expect(questions).toMatch(/^1\. /u);
  expect(embed.footer?.text).toContain(`/quote document:${document.docId}`);
}

function studyDoc(user: FakeUser, document: string, channel?: string, extra: Record<string, unknown> = {}) {
  return ask(
    fake,
    {
      name: 'study',
      subcommand: 'doc',
      options: { document, ...(channel ? { channel } : {}) },
      user,
      ...extra,
    },
    15_000,
  );
}

describe('/study doc in a text channel', () => {
  let threadId: string;

  it('starts a public thread named after the document, with the study guide as its first message', async () => {
    const { rec, msg } = await studyDoc(freshUser(fake), TERRITORY);
    expect(rec.ack).toMatchObject({ type: 5, ephemeral: true }); // deferred: thread creation takes REST calls
    expect(msg.meta.ephemeral).toBe(true);
    const title = doc(TERRITORY).title;
    expect(msg.content).toMatch(
      new RegExp(`^Started a study thread for \\*\\*${title}\\*\\*: <#\\d+>$`, 'u'),
    );
    [threadId] = links(msg) as [string];

    const thread = fake.channel(threadId)!;
    expect(thread.type).toBe(11); // public thread
    expect(thread.parentId).toBe(text);
    expect(thread.name).toBe(title);
    expect(fake.activeThreads().some((t) => t.id === threadId)).toBe(true);
    const messages = fake.channelMessages(threadId);
    expect(messages).toHaveLength(1);
    expectGuide(messages[0], doc(TERRITORY));
  });

  it('run again (by anyone), it links the thread already open instead of creating a duplicate', async () => {
    const before = threadCreations();
    const { rec, msg } = await studyDoc(freshUser(fake), 'territory is the entire substance');
    expect(rec.ack?.ephemeral).toBe(true);
    expect(msg.content).toBe(
      `A study thread for **${doc(TERRITORY).title}** is already open: <#${threadId}>`,
    );
    expect(threadCreations()).toBe(before);
    expect(threadsNamed(text, doc(TERRITORY).title)).toHaveLength(1);
  });

  it('two members asking at the same moment get one thread (here in an announcement channel)', async () => {
    const announcement = fake.guild.channels.announcement;
    const send = () =>
      fake.sendCommand({
        name: 'study',
        subcommand: 'doc',
        options: { document: '001-everything-depends-on-security-guarantees' },
        channelId: announcement,
        user: freshUser(fake),
      });
    const [a, b] = [send(), send()];
    const answers = (await Promise.all([a.response(15_000), b.response(15_000)])).map(
      (rec) => rec.produced.at(-1)!.content,
    );
    const title = doc('001-everything-depends-on-security-guarantees').title;
    const threads = threadsNamed(announcement, title);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.type).toBe(10); // an announcement thread
    expect(answers.sort()).toEqual([
      `A study thread for **${title}** is already open: <#${String(threads[0]!.id)}>`,
      `Started a study thread for **${title}**: <#${String(threads[0]!.id)}>`,
    ]);
  });

  it('a title longer than 100 characters is shortened for the thread name (with an ellipsis)', async () => {
    const suggested = await fake
      .sendAutocomplete({
        name: 'study',
        subcommand: 'doc',
        focused: 'document',
        value: 'long negotiation',
        user: freshUser(fake),
      })
      .response();
    const choice = (suggested.choices as { name: string; value: string }[])[0]!;
    expect(choice.value).toBe('005-long-negotiation');
    expect(chars(choice.name)).toBeLessThanOrEqual(100);
    expect(choice.name.endsWith('…')).toBe(true);

    expect(chars(LONG_TITLE)).toBeGreaterThan(100);
    const { msg } = await studyDoc(freshUser(fake), '005-long-negotiation');
    const [id] = links(msg) as [string];
    const name = fake.channel(id)!.name!;
    expect(chars(name)).toBeLessThanOrEqual(100);
    expect(name.endsWith('…')).toBe(true);
    expect(LONG_TITLE.startsWith(name.slice(0, -1).trimEnd())).toBe(true);
    expectGuide(fake.channelMessages(id)[0], doc('005-long-negotiation'));
  });
});

describe('/study all', () => {
  it('is refused, privately and at once, to a member without Manage Threads', async () => {
    const before = threadCreations();
    const { rec, msg } = await ask(fake, { name: 'study', subcommand: 'all', user: freshUser(fake) });
    expect(rec.ack).toMatchObject({ type: 4, ephemeral: true });
    expect(msg.content).toContain('needs the **Manage Threads** permission');
    expect(threadCreations()).toBe(before);
  });

  it('opens a thread per remaining document and reports which were created and which already existed', async () => {
    const moderator = fake.guild.users.moderator; // has Manage Threads through the Moderator role
    const { rec, msg } = await ask(fake, { name: 'study', subcommand: 'all', user: moderator }, 30_000);
    expect(rec.ack).toMatchObject({ type: 5, ephemeral: true });
    const embed = msg.embeds[0]!;
    expect(embed.title).toBe('Study threads');
    expect(embed.footer?.text).toBe('4 created · 2 already open');
    const description = embed.description ?? '';
    expect(description).toMatch(/\*\*Created \(4\)\*\*/u);
    expect(description).toMatch(/\*\*Already open \(2\)\*\*/u);
    expect(description).not.toContain('Failed');
    const [created, existing] = description.split('**Already open');
    expect(existing).toContain('Territory is the entire substance of the conflict');
    expect(created).not.toContain('Territory is the entire substance of the conflict');

    // Every document now has exactly one thread in the channel, each opened with its guide.
    for (const d of corpus.documents) {
      const name = chars(d.title) <= 100 ? d.title : undefined;
      const found = name
        ? threadsNamed(text, name)
        : fake.threads().filter((t) => t.parent_id === text && String(t.name).endsWith('…'));
      expect(found, d.title).toHaveLength(1);
      expectGuide(fake.channelMessages(String(found[0]!.id))[0], d);
      expect(description).toContain(`<#${String(found[0]!.id)}>`);
    }
  });

  it('run again, everything is already open and nothing is created', async () => {
    const before = threadCreations();
    const { msg } = await ask(
      fake,
      { name: 'study', subcommand: 'all', user: freshUser(fake, 'mod'), memberAllow: Perm.ManageThreads },
      30_000,
    );
    expect(msg.embeds[0]!.footer?.text).toBe('0 created · 6 already open');
    expect(msg.embeds[0]!.description).not.toContain('**Created');
    expect(threadCreations()).toBe(before);
  });
});

describe('forum posts through the channel option', () => {
  let postId: string;

  it('nobody can type a command inside a forum channel (no message box): hence the option', () => {
    expect(() =>
      fake.sendCommand({
        name: 'study',
        subcommand: 'doc',
        options: { document: TERRITORY },
        channelId: forum,
      }),
    ).toThrow(/no message box/u);
  });

  it('/study doc channel:#forum opens a forum post whose first message is the guide', async () => {
    const { rec, msg } = await studyDoc(freshUser(fake), TERRITORY, forum);
    expect(rec.ack).toMatchObject({ type: 5, ephemeral: true });
    expect(msg.content).toMatch(
      /^Started a study post for \*\*Territory is the entire substance of the conflict\*\*: <#\d+>$/u,
    );
    [postId] = links(msg) as [string];
    const post = fake.channel(postId)!;
    expect(post.parentId).toBe(forum);
    expect(post.name).toBe(doc(TERRITORY).title);
    const starter = fake.channelMessages(postId)[0];
    expect(starter?.id).toBe(postId); // a forum post's first message shares its id
    expectGuide(starter, doc(TERRITORY));
    // The thread in the text channel is another one, untouched.
    expect(threadsNamed(text, doc(TERRITORY).title)).toHaveLength(1);
  });

  it('run again, it links the existing post', async () => {
    const before = threadCreations();
    const { msg } = await studyDoc(freshUser(fake), TERRITORY, forum);
    expect(msg.content).toBe(`A study post for **${doc(TERRITORY).title}** is already open: <#${postId}>`);
    expect(threadCreations()).toBe(before);
    expect(threadsNamed(forum, doc(TERRITORY).title)).toHaveLength(1);
  });

  it('/study all channel:#forum needs Manage Threads in the forum, not where it was typed', async () => {
    // A moderator of the text channel only: refused for the forum.
    const textOnly = freshUser(fake, 'mod');
    fake.setMemberPermissions(text, textOnly.id, { allow: Perm.ManageThreads });
    const refused = await ask(fake, {
      name: 'study',
      subcommand: 'all',
      options: { channel: forum },
      user: textOnly,
    });
    expect(refused.rec.ack).toMatchObject({ type: 4, ephemeral: true });
    expect(refused.msg.content).toContain(`needs the **Manage Threads** permission in <#${forum}>`);

    // A moderator of the forum: the other posts are opened there.
    const forumMod = freshUser(fake, 'mod');
    fake.setMemberPermissions(forum, forumMod.id, { allow: Perm.ManageThreads });
    const { msg } = await ask(
      fake,
      { name: 'study', subcommand: 'all', options: { channel: forum }, user: forumMod },
      30_000,
    );
    expect(msg.embeds[0]!.footer?.text).toBe('5 created · 1 already open');
    expect(fake.threads().filter((t) => t.parent_id === forum)).toHaveLength(6);
  });

  it("checks the bot's permissions in the picked channel, not where the command was typed", async () => {
    fake.withholdFromBot(forum, Perm.SendMessages);
    try {
      const { rec, msg } = await studyDoc(freshUser(fake), '002-putin-does-not-want-a-deal', forum);
      expect(rec.ack).toMatchObject({ type: 4, ephemeral: true }); // refused before deferring
      expect(msg.content).toBe(
        `I'm missing the **Send Messages (Create Posts)** permission in <#${forum}>. Ask a moderator to grant it to Parley there, then try again.`,
      );
    } finally {
      fake.resetBotOverwrite(forum);
    }
    // Likewise for a text channel picked from another one.
    const announcement = fake.guild.channels.announcement;
    fake.withholdFromBot(announcement, Perm.CreatePublicThreads);
    try {
      const { msg } = await studyDoc(freshUser(fake), TERRITORY, announcement);
      expect(msg.content).toContain(
        `I'm missing the **Create Public Threads** permission in <#${announcement}>.`,
      );
    } finally {
      fake.resetBotOverwrite(announcement);
    }
  });

  it('will not open a post where the member could not post themselves', async () => {
    const user = freshUser(fake);
    fake.setMemberPermissions(forum, user.id, { deny: Perm.SendMessages });
    const { msg } = await studyDoc(user, '004-ripe-for-a-negotiated-settlement', forum);
    expect(msg.content).toBe(
      `You can't open posts in <#${forum}> yourself (you need **Send Messages (Create Posts)** there), so I won't either.`,
    );
  });

  it('refuses a picked channel that cannot hold threads (a crafted request: the picker offers none)', async () => {
    const { msg } = await studyDoc(freshUser(fake), TERRITORY, fake.guild.channels.voice, {
      validate: false,
    });
    expect(msg.meta.ephemeral).toBe(true);
    expect(msg.content).toBe(
      "Threads can't be opened in a voice channel. Pick a text, announcement or forum channel.",
    );
  });
});

describe('the whole run', () => {
  it('no REST errors, no bug in the fake, and no message that could ping anyone', () => {
    expectNoErrors(fake);
    expect(expectNoMentions(fake)).toBeGreaterThan(10);
  });
});
