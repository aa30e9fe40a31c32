import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_API_URL,
  checkCorpusDir,
  loadConfig,
  restOptions,
} from '../../src/discord/config.js';

const VALID = { DISCORD_TOKEN: 'MTIz.abc.def-ghi', DISCORD_CLIENT_ID: '123456789012345678' };

function problem(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the defaults', () => {
    const config = loadConfig({ ...VALID });
    expect(config).toEqual({
      token: VALID.DISCORD_TOKEN,
      clientId: VALID.DISCORD_CLIENT_ID,
      guildId: null,
      corpusDir: path.resolve('corpus'),
      logLevel: 'info',
      apiUrl: null,
    });
    expect(restOptions(config)).toEqual({});
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...VALID,
      DISCORD_GUILD_ID: ' 876543210987654321 ',
      CORPUS_DIR: '/srv/reading',
      LOG_LEVEL: 'DEBUG',
      DISCORD_API_URL: 'http://127.0.0.1:8787/api/',
    });
    expect(config).toMatchObject({
      guildId: '876543210987654321',
      corpusDir: '/srv/reading',
      logLevel: 'debug',
      apiUrl: 'http://127.0.0.1:8787/api',
    });
    expect(restOptions(config)).toEqual({ api: 'http://127.0.0.1:8787/api' });
  });

  it('treats empty values (X= in .env) as unset', () => {
    const config = loadConfig({
      ...VALID,
      DISCORD_GUILD_ID: '',
      CORPUS_DIR: ' ',
      LOG_LEVEL: '',
      DISCORD_API_URL: '',
    });
    expect(config).toMatchObject({
      guildId: null,
      corpusDir: path.resolve('corpus'),
      logLevel: 'info',
      apiUrl: null,
    });
  });

  it("treats Discord's own URL as the default", () => {
    expect(loadConfig({ ...VALID, DISCORD_API_URL: DEFAULT_API_URL }).apiUrl).toBeNull();
  });

  it.each([
    [
      { DISCORD_CLIENT_ID: VALID.DISCORD_CLIENT_ID },
      /^Configuration error: DISCORD_TOKEN is missing: set it to your bot's token/u,
    ],
    [{ ...VALID, DISCORD_TOKEN: '' }, /DISCORD_TOKEN is missing/u],
    [{ ...VALID, DISCORD_TOKEN: 'Bot abc.def' }, /DISCORD_TOKEN must not start with "Bot "/u],
    [{ ...VALID, DISCORD_TOKEN: 'abc def' }, /DISCORD_TOKEN must not contain spaces/u],
    [{ DISCORD_TOKEN: VALID.DISCORD_TOKEN }, /DISCORD_CLIENT_ID is missing: set it to your application ID/u],
    [
      { ...VALID, DISCORD_CLIENT_ID: 'parley' },
      /DISCORD_CLIENT_ID must be a numeric Discord ID \(17–20 digits\)/u,
    ],
    [
      { ...VALID, DISCORD_GUILD_ID: '12ab' },
      /DISCORD_GUILD_ID must be a numeric Discord ID.*Copy Server ID/u,
    ],
    [
      { ...VALID, LOG_LEVEL: 'verbose' },
      /LOG_LEVEL is not a log level: use one of fatal, error, warn, info, debug, trace, silent/u,
    ],
    [{ ...VALID, DISCORD_API_URL: 'localhost:8787' }, /DISCORD_API_URL is not an http\(s\) URL/u],
    [
      { ...VALID, DISCORD_API_URL: 'https://discord.com/api/v10' },
      /DISCORD_API_URL must not end with an API version such as \/v10/u,
    ],
  ])('names the variable and the fix: %j', (env, message) => {
    const text = problem(env);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(text).toMatch(/see \.env\.example\)\.$/u);
  });

  it('reports every bad variable on the same single line', () => {
    const text = problem({});
    expect(text).toContain('DISCORD_TOKEN is missing');
    expect(text).toContain('DISCORD_CLIENT_ID is missing');
    expect(text).not.toContain('\n');
  });
});

describe('checkCorpusDir', () => {
  it('refuses a folder that does not exist, naming CORPUS_DIR', () => {
    expect(() => checkCorpusDir({ corpusDir: '/no/such/folder' })).toThrow(
      /CORPUS_DIR \/no\/such\/folder is not a folder/u,
    );
    expect(() => checkCorpusDir({ corpusDir: tmpdir() })).not.toThrow();
  });
});

describe('entry points on bad configuration', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const cwd = mkdtempSync(path.join(tmpdir(), 'parley-config-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  /** Run an entry point in an empty folder (no .env) with only the given variables. */
  function run(entry: string, env: Record<string, string>) {
    return spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'src/discord', entry)], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      encoding: 'utf8',
      timeout: 15_000,
    });
  }

  it('npm start stops with one line, no stack trace, exit code 1', () => {
    const result = run('start.ts', { DISCORD_CLIENT_ID: VALID.DISCORD_CLIENT_ID });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: DISCORD_TOKEN is missing/u);
    expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/u);
    expect(result.stdout).toBe('');
  });

  it('npm start refuses a corpus folder that does not exist', () => {
    const result = run('start.ts', { ...VALID, CORPUS_DIR: 'missing-corpus' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`CORPUS_DIR ${path.join(cwd, 'missing-corpus')} is not a folder`);
  });

  it('deploy-commands stops the same way', () => {
    const result = run('deploy-commands.ts', { DISCORD_TOKEN: 'x.y.z', DISCORD_CLIENT_ID: 'not-an-id' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/DISCORD_CLIENT_ID must be a numeric Discord ID/u);
  });
});
