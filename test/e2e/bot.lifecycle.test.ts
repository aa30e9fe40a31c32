/**
 * End to end: the bot's life. SIGTERM shuts it down cleanly (exit 0, gateway closed with 1000); a new
 * process serves the buttons of the old one's messages (their state lives in the custom_id); corpus files
 * added or edited while it runs are picked up without a restart, and a file that breaks keeps serving its last
 * good version. Runs on a private copy of the corpus.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotProcess, type FakeDiscord, type FakeMessage } from '../fake-discord/index.js';
import {
  ask,
  buttonByLabel,
  click,
  copyCorpus,
  expectNoErrors,
  expectNoMentions,
  freshUser,
  logLines,
  quotedBlocks,
  removeDir,
  startWorld,
  waitForLog,
  type World,
} from './helpers/harness.js';

let dir: string;
let world: World;
let fake: FakeDiscord;
/** The bot currently running (replaced by the restart test). */
let bot: BotProcess;

beforeAll(async () => {
  dir = await copyCorpus();
  world = await startWorld({ corpusDir: dir });
  fake = world.fake;
  bot = world.bot;
});

afterAll(async () => {
  if (bot?.running()) await bot.stop();
  await fake?.stop();
  await removeDir(dir);
});

describe('shutdown and restart', () => {
  let answer: FakeMessage;

  it('SIGTERM: the client is destroyed (gateway closed with 1000), logs flushed, exit code 0', async () => {
    answer = (
      await ask(fake, { name: 'quote', options: { topic: 'security guarantees' }, user: freshUser(fake) })
    ).msg;
    expect(fake.gateway.sessions.size).toBe(1);
    const logBefore = fake.gatewayLog.length;

    expect(await bot.stop()).toBe(0);

    const closes = fake.gatewayLog.slice(logBefore).filter((e) => e.direction === 'close');
    expect(closes).toEqual([
      expect.objectContaining({ code: 1000, reason: expect.stringMatching(/^by client/u) }),
    ]);
    expect(fake.gateway.sessions.size).toBe(0);
    expect(logLines(bot, 'shutting down')).toEqual([expect.objectContaining({ signal: 'SIGTERM' })]);
    // The last line was written out before the process exited.
    expect(bot.logs().at(-1)?.msg).toBe('stopped');
  });

  it('a new process serves the buttons of messages the old one posted', async () => {
    bot = await startBot({ apiUrl: fake.apiUrl, env: world.env });
    expect(logLines(bot, 'ready')).toHaveLength(1);

    const pageOne = quotedBlocks(answer);
    const more = await click(fake, answer, buttonByLabel(answer, 'More'), { user: freshUser(fake) });
    expect(more.rec.ack?.type).toBe(7);
    expect(more.msg.id).toBe(answer.id);
    expect(more.msg.embeds[0]?.footer?.text).toMatch(/^results 6–10 of \d+$/u);
    for (const q of quotedBlocks(more.msg)) expect(pageOne).not.toContain(q);

    const context = await click(fake, more.msg, buttonByLabel(more.msg, 'Context 6'), {
      user: freshUser(fake),
    });
    expect(context.rec.ack).toMatchObject({ type: 4, ephemeral: true });
    expect(context.msg.embeds[0]?.description).toContain('**');
    expect(context.msg.content).not.toMatch(/no longer/u);
  });
});

describe('hot reload of the corpus folder', () => {
  const file = '005-hot-reload.md';
  const front = (title: string) =>
    `---\ntitle: "${title}"\nsummary: "A document added while the bot runs."\n---\n\n`;
  const body =
    'The zanzibarian proposal would place monitors along the whole line of contact. ' +
    'Nobody in the capital has yet said who would pay for them.\n';

  /** Waits for the next "corpus loaded" line after `count` of them. */
  async function nextReload(count: number) {
    return waitForLog(bot, 'corpus loaded', () => logLines(bot, 'corpus loaded').length > count, 10_000);
  }

  it('a new file is searchable without a restart', async () => {
    const loads = logLines(bot, 'corpus loaded').length;
    await writeFile(path.join(dir, file), front('The zanzibarian proposal') + body);
    const loaded = await nextReload(loads);
    expect(loaded).toMatchObject({ documents: 6, problems: 0 });

    const { msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'zanzibarian' },
      user: freshUser(fake),
    });
    expect(msg.embeds[0]?.description).toContain('*The zanzibarian proposal* · Unsigned · ¶ 1');
    expect(quotedBlocks(msg)[0]).toBe(
      'The zanzibarian proposal would place monitors along the whole line of contact.',
    );
    const docs = await ask(fake, { name: 'docs', user: freshUser(fake) });
    expect(docs.msg.embeds[0]?.title).toBe('Reading list (6 documents)');
  });

  it('an edited file is served in its new version', async () => {
    const loads = logLines(bot, 'corpus loaded').length;
    await writeFile(
      path.join(dir, file),
      front('The zanzibarian proposal') + body + '\nA quixotic referendum was floated as well.\n',
    );
    await nextReload(loads);
    const { msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'quixotic referendum' },
      user: freshUser(fake),
    });
    expect(quotedBlocks(msg)).toContain('A quixotic referendum was floated as well.');
  });

  it('a file whose front matter breaks is reported in the log, and its last good version keeps serving', async () => {
    const loads = logLines(bot, 'corpus loaded').length;
    const broken =
      '---\ntitel: "The zanzibarian proposal, revised"\n---\n\n' +
      body +
      '\nA palimpsest clause was added.\n';
    await writeFile(path.join(dir, file), broken);
    const loaded = await nextReload(loads);
    expect(loaded).toMatchObject({ documents: 6, problems: expect.any(Number), kept: [file] });

    const problems = logLines(bot, /^corpus problem: /u).filter((l) => l.file === file);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.at(-1)).toMatchObject({ level: 40, servingLastGood: true, fix: expect.any(String) });
    expect(problems.map((p) => `${String(p.field)} ${String(p.msg)}`).join('\n')).toMatch(/titel|title/u);

    // The last good version answers; the broken one's new text does not.
    const old = await ask(fake, {
      name: 'quote',
      options: { topic: 'quixotic referendum' },
      user: freshUser(fake),
    });
    expect(quotedBlocks(old.msg)).toContain('A quixotic referendum was floated as well.');
    expect(old.msg.embeds[0]?.description).toContain('*The zanzibarian proposal*');
    const fresh = await ask(fake, { name: 'quote', options: { topic: 'palimpsest' }, user: freshUser(fake) });
    expect(fresh.msg.embeds[0]?.description ?? '').not.toContain('palimpsest clause');

    // Fixing it is picked up too.
    const again = logLines(bot, 'corpus loaded').length;
    await writeFile(
      path.join(dir, file),
      front('The zanzibarian proposal, revised') + body + '\nA palimpsest clause was added.\n',
    );
    expect(await nextReload(again)).toMatchObject({ documents: 6, problems: 0, kept: [] });
    const fixed = await ask(fake, { name: 'quote', options: { topic: 'palimpsest' }, user: freshUser(fake) });
    expect(quotedBlocks(fixed.msg)).toContain('A palimpsest clause was added.');
    expect(fixed.msg.embeds[0]?.description).toContain('*The zanzibarian proposal, revised*');
  });
});

describe('the whole run', () => {
  it('no REST errors, no bug in the fake, and no message that could ping anyone', () => {
    expectNoErrors(fake);
    expect(expectNoMentions(fake)).toBeGreaterThan(5);
    expect(logLines(bot, /uncaught|unhandled|failed/u)).toEqual([]);
  });
});
