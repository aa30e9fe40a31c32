/**
 * The end-to-end harness: a fake Discord, the real deploy script run against it (as a moderator would, before
 * the first start), and the real bot process logged in to it. Plus small helpers to drive commands and read
 * what the user sees.
 *
 *   const world = await startWorld();               // fake + deploy-commands + bot (ready)
 *   const { msg } = await ask(world.fake, { name: 'quote', options: { topic: 'territory' } });
 *   expect(visibleText(msg)).toContain('territory');
 *   await world.stop();                              // bot (SIGTERM, exit 0) then fake
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FakeDiscord,
  startBot,
  type BotProcess,
  type CommandInjection,
  type FakeDiscordOptions,
  type FakeMessage,
  type FakeUser,
  type InjectedInteraction,
  type InteractionRecord,
  type RequestLogEntry,
} from '../../fake-discord/index.js';
import { loadCorpus } from '../../../src/corpus/load.js';

export const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
export const BUNDLED_CORPUS = path.join(PROJECT_ROOT, 'corpus');

/** Variables never inherited from the test runner's environment (same rule as the fake's bot-process.ts). */
const NOT_INHERITED = /^(DISCORD_|CORPUS_DIR$|LOG_LEVEL$|DOTENV_)/u;

/** The environment a child process of the project gets: the runner's, minus Discord settings, plus `env`. */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !NOT_INHERITED.test(k)) out[k] = v;
  out.DOTENV_PATH = '/dev/null';
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the deploy script against the fake: `npm run deploy-commands` (with `npm: true`, exactly what the
 * README tells a moderator to run) or the same script through node directly (faster).
 */
export function deployCommands(env: Record<string, string | undefined>, opts: { npm?: boolean } = {}) {
  const [file, args] = opts.npm
    ? ['npm', ['run', '--silent', 'deploy-commands']]
    : [process.execPath, ['--import', 'tsx', 'src/discord/deploy-commands.ts']];
  return new Promise<ScriptResult>((resolve) => {
    execFile(
      file,
      args as string[],
      { cwd: PROJECT_ROOT, env: childEnv(env), timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface World {
  fake: FakeDiscord;
  bot: BotProcess;
  /** The environment the bot was started with (reuse it to restart). */
  env: Record<string, string>;
  deploy: ScriptResult;
  /** Stops the bot (expecting exit code 0) and the fake. */
  stop(): Promise<void>;
}

export interface WorldOptions {
  /** Options for a new fake, or a fake already listening. */
  fake?: FakeDiscordOptions | FakeDiscord;
  /** Register commands globally (needed for DMs) instead of in the seeded guild. */
  global?: boolean;
  corpusDir?: string;
  /** Deploy with `npm run deploy-commands`. */
  npm?: boolean;
  /** Entry point (default src/discord/start.ts). */
  entry?: string;
  isReady?: Parameters<typeof startBot>[0]['isReady'];
}

/** A fake Discord, commands deployed to it, and the bot running against it and ready. */
export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const fake = opts.fake instanceof FakeDiscord ? opts.fake : await FakeDiscord.start(opts.fake);
  const env: Record<string, string> = {
    ...fake.botEnv({ guildScopedCommands: !opts.global }),
    CORPUS_DIR: opts.corpusDir ?? BUNDLED_CORPUS,
    LOG_LEVEL: 'info',
  };
  let bot: BotProcess | undefined;
  try {
    const deploy = await deployCommands(env, { npm: opts.npm });
    if (deploy.code !== 0) {
      throw new Error(`deploy-commands failed (${deploy.code}):\n${deploy.stdout}\n${deploy.stderr}`);
    }
    bot = await startBot({
      apiUrl: fake.apiUrl,
      env,
      ...(opts.entry ? { entry: opts.entry } : {}),
      ...(opts.isReady ? { isReady: opts.isReady } : {}),
    });
    const started = bot;
    return {
      fake,
      bot: started,
      env,
      deploy,
      async stop() {
        try {
          const code = await started.stop();
          if (code !== 0) throw new Error(`bot exited with ${code}:\n${started.output().slice(-3000)}`);
        } finally {
          await fake.stop();
        }
      },
    };
  } catch (e) {
    if (bot?.running()) await bot.stop().catch(() => undefined);
    await fake.stop();
    throw e;
  }
}

let userCount = 0;

/** A new member of the seeded guild: each test acts as its own user, so cooldowns never interfere. */
export function freshUser(fake: FakeDiscord, label = 'member'): FakeUser {
  userCount++;
  return fake.addMember(`${label}${userCount}`);
}

export interface Answer {
  i: InjectedInteraction;
  rec: InteractionRecord;
  /** The last message the interaction produced (the reply, the edited deferral, or the last follow-up). */
  msg: FakeMessage;
}

/** Sends a slash command and waits until the user sees the answer. */
export async function ask(
  fake: FakeDiscord,
  injection: CommandInjection,
  timeoutMs = 10_000,
): Promise<Answer> {
  const i = fake.sendCommand(injection);
  const rec = await i.response(timeoutMs);
  return { i, rec, msg: lastMessage(rec) };
}

/** Clicks a button and waits until the user sees the answer. */
export async function click(
  fake: FakeDiscord,
  message: FakeMessage,
  customId: string,
  opts: { user?: FakeUser; validate?: boolean } = {},
): Promise<Answer> {
  const i = fake.clickButton({ message, customId, ...opts });
  const rec = await i.response();
  return { i, rec, msg: lastMessage(rec) };
}

export function lastMessage(rec: InteractionRecord): FakeMessage {
  const msg = rec.produced.at(-1) ?? rec.original;
  if (!msg) throw new Error(`interaction ${rec.id} produced no message`);
  return msg;
}

/** Everything a reader sees in a message: its content, then each embed's title, description, fields, footer. */
export function visibleText(msg: FakeMessage): string {
  const parts: string[] = [msg.content];
  for (const e of msg.embeds) {
    parts.push(e.title ?? '', e.description ?? '', e.author?.name ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
    parts.push(e.footer?.text ?? '');
  }
  return parts.filter(Boolean).join('\n');
}

/** The custom_ids of a message's buttons, in order. */
export function buttonIds(msg: FakeMessage): string[] {
  return msg.components.flatMap((row) =>
    'components' in row
      ? row.components.flatMap((c) =>
          'custom_id' in c && typeof c.custom_id === 'string' ? [c.custom_id] : [],
        )
      : [],
  );
}

/** The button with this label (exact) on a message; throws when there is none. */
export function buttonByLabel(msg: FakeMessage, label: string): string {
  for (const row of msg.components) {
    if (!('components' in row)) continue;
    for (const c of row.components) {
      if ('label' in c && c.label === label && 'custom_id' in c && typeof c.custom_id === 'string')
        return c.custom_id;
    }
  }
  throw new Error(`no button "${label}" on message ${msg.id}`);
}

/** The quoted sentences of a /quote page: each `> ` block, joined, with Markdown escapes removed. */
export function quotedBlocks(msg: FakeMessage): string[] {
  const description = msg.embeds[0]?.description ?? '';
  return description
    .split('\n\n')
    .map((block) =>
      block
        .split('\n')
        .filter((line) => line.startsWith('> '))
        .map((line) => line.slice(2))
        .join(' '),
    )
    .filter(Boolean)
    .map(unescapeMarkdown);
}

export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\*_~`|>#\-[\]()<:@.!+])/gu, '$1').replace(/\u200b/gu, '');
}

/** Length as Discord counts it (code points). */
export function chars(text: string): number {
  return [...text].length;
}

/** REST requests that send a message (interaction callbacks, webhook edits and follow-ups, channel messages, forum posts). */
export function messageRequests(
  fake: FakeDiscord,
): { entry: RequestLogEntry; body: Record<string, unknown> }[] {
  const out: { entry: RequestLogEntry; body: Record<string, unknown> }[] = [];
  for (const entry of fake.requests) {
    const body = entry.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') continue;
    let message: unknown;
    if (entry.route.endsWith('/callback')) {
      message = body.type === 4 || body.type === 7 ? body.data : undefined;
    } else if (
      entry.route === 'POST /webhooks/:app/:token' ||
      entry.route === 'PATCH /webhooks/:app/:token/messages/:message' ||
      entry.route === 'POST /channels/:channel/messages'
    ) {
      message = body;
    } else if (entry.route === 'POST /channels/:channel/threads') {
      message = body.message;
    }
    if (message && typeof message === 'object') out.push({ entry, body: message as Record<string, unknown> });
  }
  return out;
}

/**
 * Nobody was pinged, and every message the bot sent carried `allowed_mentions: { parse: [] }`. Returns the
 * number of messages checked (so a test can assert it checked something).
 */
export function expectNoMentions(fake: FakeDiscord): number {
  const pinging = fake.messagesThatMayPing();
  if (pinging.length > 0) {
    throw new Error(`messages that may ping: ${JSON.stringify(pinging.map((m) => [m.id, m.content]))}`);
  }
  const sent = messageRequests(fake);
  const without = sent.filter(({ body }) => {
    const am = body.allowed_mentions as { parse?: unknown; users?: unknown; roles?: unknown } | undefined;
    return !am || !Array.isArray(am.parse) || am.parse.length > 0 || am.users || am.roles;
  });
  if (without.length > 0) {
    throw new Error(
      `messages sent without allowed_mentions.parse = []: ${JSON.stringify(without.map((w) => [w.entry.route, w.body.allowed_mentions]))}`,
    );
  }
  return sent.length;
}

/** No 4xx/5xx answered to the bot (except the requests listed as provoked on purpose) and no bug in the fake. */
export function expectNoErrors(fake: FakeDiscord, provoked: ReadonlySet<number> = new Set()): void {
  const errors = fake.errors().filter((r) => !provoked.has(r.seq));
  if (errors.length > 0) {
    throw new Error(
      `REST errors answered to the bot:\n${errors.map((r) => `  ${r.method} ${r.path} → ${r.status} ${JSON.stringify(r.response)}`).join('\n')}`,
    );
  }
  if (fake.internalErrors.length > 0) throw fake.internalErrors[0]!;
}

/** The bot's log lines (pino JSON) with this `msg`. */
export function logLines(bot: BotProcess, msg: string | RegExp): Record<string, unknown>[] {
  return bot
    .logs()
    .filter((l) => (typeof msg === 'string' ? l.msg === msg : typeof l.msg === 'string' && msg.test(l.msg)));
}

/** Resolves with the first log line (past or future) with this `msg` matching `where`. */
export async function waitForLog(
  bot: BotProcess,
  msg: string | RegExp,
  where: (line: Record<string, unknown>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  const line = await bot.waitForLine((l) => {
    const json = l.json;
    if (!json || typeof json.msg !== 'string') return false;
    const matches = typeof msg === 'string' ? json.msg === msg : msg.test(json.msg);
    return matches && where(json);
  }, timeoutMs);
  return line.json!;
}

/** A private copy of the bundled corpus (for tests that edit it). Remove it with `removeDir`. */
export async function copyCorpus(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'parley-e2e-corpus-'));
  await cp(BUNDLED_CORPUS, dir, { recursive: true });
  return dir;
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** What the corpus folder holds, loaded independently of the bot: the expected counts and texts. */
export async function expectedCorpus(dir = BUNDLED_CORPUS) {
  return loadCorpus(dir);
}
