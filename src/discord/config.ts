/**
 * Configuration from the environment (and `.env`, via dotenv), validated with zod. A missing or malformed
 * variable stops start-up with one line naming the variable and the fix, and exit code 1.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './logger.js';

export const DEFAULT_API_URL = 'https://discord.com/api';

export interface Config {
  token: string;
  clientId: string;
  /** Deploy commands to this server only (instant updates while developing); null for global commands. */
  guildId: string | null;
  /** Absolute path of the corpus folder. */
  corpusDir: string;
  logLevel: LogLevel;
  /** REST base URL when not Discord's own (a rate-limit proxy, a local fake); null for the default. */
  apiUrl: string | null;
}

/** A configuration problem; its message is the one line to print. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const APP_PAGE = 'https://discord.com/developers/applications';

/** How to fix each variable, appended to its problem. */
const FIXES: Record<string, string> = {
  DISCORD_TOKEN: `set it to your bot's token (${APP_PAGE} → your app → Bot → Reset Token)`,
  DISCORD_CLIENT_ID: `set it to your application ID (${APP_PAGE} → your app → General Information)`,
  DISCORD_GUILD_ID:
    'set it to a server ID (Developer Mode on, right-click the server → Copy Server ID) or leave it empty',
  CORPUS_DIR: 'point it at the folder holding the corpus files, or leave it empty for corpus/',
  LOG_LEVEL: `use one of ${LOG_LEVELS.join(', ')}, or leave it empty for info`,
  DISCORD_API_URL: `use an http(s) base URL without the /v10 suffix, e.g. ${DEFAULT_API_URL}, or leave it empty`,
};

/** `X=` in .env gives an empty string: treat it as unset. */
const blankAsUnset = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const missing = (issue: { input?: unknown }): string | undefined =>
  issue.input === undefined ? 'is missing' : undefined;

const snowflake = z
  .string({ error: missing })
  .trim()
  .regex(/^\d{17,20}$/u, { error: 'must be a numeric Discord ID (17–20 digits)' });

const schema = z.object({
  DISCORD_TOKEN: z.preprocess(
    blankAsUnset,
    z
      .string({ error: missing })
      .trim()
      .refine((token) => !/^Bot\s/iu.test(token), {
        error: 'must not start with "Bot " (give the token alone)',
      })
      .refine((token) => !/\s/u.test(token), { error: 'must not contain spaces' }),
  ),
  DISCORD_CLIENT_ID: z.preprocess(blankAsUnset, snowflake),
  DISCORD_GUILD_ID: z.preprocess(blankAsUnset, snowflake.optional()),
  CORPUS_DIR: z.preprocess(blankAsUnset, z.string().default('corpus')),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof blankAsUnset(value) === 'string' ? String(value).trim().toLowerCase() : undefined),
    z.enum(LOG_LEVELS as [LogLevel, ...LogLevel[]], { error: 'is not a log level' }).default('info'),
  ),
  DISCORD_API_URL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .refine(isHttpUrl, { error: 'is not an http(s) URL' })
      .transform((url) => url.replace(/\/+$/u, ''))
      .refine((url) => !/\/v\d+$/u.test(url), { error: 'must not end with an API version such as /v10' })
      .optional(),
  ),
});

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Validate `env` (process.env by default, after loading `.env`). Throws ConfigError with one line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'configuration');
      if (seen.has(name)) continue;
      seen.add(name);
      problems.push(`${name} ${issue.message}: ${FIXES[name] ?? 'check .env.example'}`);
    }
    throw new ConfigError(
      `Configuration error: ${problems.join('; ')} (in .env or the environment; see .env.example).`,
    );
  }
  const value = parsed.data;
  const apiUrl = value.DISCORD_API_URL ?? null;
  return {
    token: value.DISCORD_TOKEN,
    clientId: value.DISCORD_CLIENT_ID,
    guildId: value.DISCORD_GUILD_ID ?? null,
    corpusDir: path.resolve(value.CORPUS_DIR),
    logLevel: value.LOG_LEVEL,
    apiUrl: apiUrl === DEFAULT_API_URL ? null : apiUrl,
  };
}

/** `{ api }` for discord.js's Client `rest` option and for `new REST()`, when a custom URL is configured. */
export function restOptions(config: Pick<Config, 'apiUrl'>): { api?: string } {
  return config.apiUrl ? { api: config.apiUrl } : {};
}

/** The corpus folder must exist before the bot starts; throws ConfigError otherwise. */
export function checkCorpusDir(config: Pick<Config, 'corpusDir'>): void {
  if (!existsSync(config.corpusDir) || !statSync(config.corpusDir).isDirectory()) {
    throw new ConfigError(
      `Configuration error: CORPUS_DIR ${config.corpusDir} is not a folder: ${FIXES.CORPUS_DIR} (in .env or the environment; see .env.example).`,
    );
  }
}

/**
 * For entry points: load `.env`, validate, and on a problem print its one line to stderr and exit 1
 * (no stack trace). `check` adds entry-specific checks that throw ConfigError.
 */
export function configOrExit(check?: (config: Config) => void): Config {
  // DOTENV_PATH points at another file (tests set /dev/null so a developer's .env stays out).
  dotenv.config({ path: process.env.DOTENV_PATH || '.env', quiet: true });
  try {
    const config = loadConfig();
    check?.(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
