/**
 * Runs the real bot as production does — `node --import tsx src/discord/start.ts` — against a fake
 * Discord, captures its output line by line, waits for its ready line, and stops it with SIGTERM.
 *
 *   const bot = await startBot({ apiUrl: fake.apiUrl, env: { ...fake.botEnv(), CORPUS_DIR: dir } });
 *   ...
 *   expect(await bot.stop()).toBe(0);
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** The parsed line when it is JSON (pino). */
  json?: Record<string, unknown>;
  at: number;
}

export interface StartBotOptions {
  /** DISCORD_API_URL, e.g. `fake.apiUrl` (http://127.0.0.1:PORT/api). */
  apiUrl: string;
  /**
   * Environment for the bot: DISCORD_TOKEN, DISCORD_CLIENT_ID, DISCORD_GUILD_ID (omit for global
   * commands), CORPUS_DIR, LOG_LEVEL... (`fake.botEnv()` gives the first four). A value of
   * `undefined` removes the variable. The parent's DISCORD_*, CORPUS_DIR and LOG_LEVEL are never
   * inherited, and the project's .env is not read (DOTENV_PATH=/dev/null) unless you set DOTENV_PATH.
   */
  env?: Record<string, string | undefined>;
  /** Project root (default: two levels above this file). */
  cwd?: string;
  /** Entry point relative to cwd (default src/discord/start.ts). */
  entry?: string;
  /** Node flags before the entry (default ['--import', 'tsx']). */
  nodeArgs?: string[];
  /** Which output line means "ready" (default: a JSON line whose msg is "ready"). */
  isReady?: (line: LogLine) => boolean;
  readyTimeoutMs?: number;
  /** Echo the bot's output to this process's stderr (handy when debugging a test). */
  echo?: boolean;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every output line so far, both streams, in arrival order. */
  readonly lines: LogLine[];
  /** The parsed JSON (pino) lines. */
  logs(): Record<string, unknown>[];
  /** All output as text (both streams). */
  output(): string;
  /** Resolves with the first line (past or future) matching the predicate. */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves when the process has exited (for any reason). */
  readonly exited: Promise<ExitInfo>;
  /** Whether the process is still running. */
  running(): boolean;
  /**
   * Sends SIGTERM (or `signal`) and resolves with the exit code. If the process is still alive after
   * `timeoutMs` (default 10 s) it is SIGKILLed and the promise rejects: a bot must shut down on SIGTERM.
   */
  stop(opts?: { signal?: NodeJS.Signals; timeoutMs?: number }): Promise<number | null>;
}

const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

const NOT_INHERITED = /^(DISCORD_|CORPUS_DIR$|LOG_LEVEL$|DOTENV_)/;

export const defaultIsReady = (line: LogLine): boolean => line.json?.msg === 'ready';

export async function startBot(opts: StartBotOptions): Promise<BotProcess> {
  const cwd = opts.cwd ?? PROJECT_ROOT;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !NOT_INHERITED.test(k)) env[k] = v;
  Object.assign(env, {
    DOTENV_PATH: '/dev/null',
    DOTENV_QUIET: 'true',
    LOG_LEVEL: 'info',
    DISCORD_API_URL: opts.apiUrl,
  });
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  env.DISCORD_API_URL = opts.apiUrl;

  const args = [...(opts.nodeArgs ?? ['--import', 'tsx']), opts.entry ?? 'src/discord/start.ts'];
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const listeners = new Set<(line: LogLine) => void>();

  const exited = new Promise<ExitInfo>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  let isRunning = true;
  void exited.then(() => {
    isRunning = false;
  });

  for (const stream of ['stdout', 'stderr'] as const) {
    let pending = '';
    const source = child[stream]!;
    source.setEncoding('utf8');
    source.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const text = pending.slice(0, nl).replace(/\r$/, '');
        pending = pending.slice(nl + 1);
        push(stream, text);
      }
    });
    source.on('end', () => {
      if (pending) push(stream, pending);
      pending = '';
    });
  }

  function push(stream: LogLine['stream'], text: string): void {
    let json: Record<string, unknown> | undefined;
    if (text.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
          json = parsed as Record<string, unknown>;
      } catch {
        // not JSON after all
      }
    }
    const line: LogLine = { stream, text, at: Date.now(), ...(json ? { json } : {}) };
    lines.push(line);
    if (opts.echo) process.stderr.write(`[bot ${stream}] ${text}\n`);
    for (const l of listeners) l(line);
  }

  const output = () => lines.map((l) => l.text).join('\n');
  const tail = () =>
    lines
      .slice(-30)
      .map((l) => `  [${l.stream}] ${l.text}`)
      .join('\n') || '  (no output)';

  function waitForLine(match: (line: LogLine) => boolean, timeoutMs = 10_000): Promise<LogLine> {
    const seen = lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolveLine, reject) => {
      const cleanup = () => {
        listeners.delete(onLine);
        clearTimeout(timer);
      };
      const onLine = (line: LogLine) => {
        if (match(line)) {
          cleanup();
          resolveLine(line);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`bot process: no matching output line within ${timeoutMs} ms; last output:\n${tail()}`),
        );
      }, timeoutMs);
      listeners.add(onLine);
      void exited.then(({ code, signal }) => {
        if (!listeners.has(onLine)) return;
        cleanup();
        reject(
          new Error(
            `bot process exited (code ${code}, signal ${signal}) before the expected line; last output:\n${tail()}`,
          ),
        );
      });
    });
  }

  async function stop({
    signal = 'SIGTERM',
    timeoutMs = 10_000,
  }: { signal?: NodeJS.Signals; timeoutMs?: number } = {}): Promise<number | null> {
    if (!isRunning) return (await exited).code;
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), timeoutMs);
    });
    const result = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      child.kill('SIGKILL');
      await exited;
      throw new Error(
        `bot process ignored ${signal} for ${timeoutMs} ms and was killed; last output:\n${tail()}`,
      );
    }
    return result.code;
  }

  const bot: BotProcess = {
    child,
    pid: child.pid ?? -1,
    lines,
    logs: () => lines.flatMap((l) => (l.json ? [l.json] : [])),
    output,
    waitForLine,
    exited,
    running: () => isRunning,
    stop,
  };

  const spawnError = once(child, 'error').then(([err]) => {
    throw err instanceof Error ? err : new Error(String(err));
  });
  try {
    await Promise.race([
      waitForLine(opts.isReady ?? defaultIsReady, opts.readyTimeoutMs ?? 30_000),
      spawnError,
    ]);
  } catch (e) {
    if (isRunning) {
      child.kill('SIGKILL');
      await exited;
    }
    throw e;
  }
  void spawnError.catch(() => undefined);
  return bot;
}
