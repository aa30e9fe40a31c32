import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildConfig, ChildResult } from './types.js';

/** Runs each measurement in its own Node process, pinned to CPU 0 with `taskset` when the machine has it. */

export interface Pinning {
  pinned: boolean;
  how: string;
}

export function detectPinning(): Pinning {
  if (process.platform !== 'linux')
    return { pinned: false, how: `not pinned (no taskset on ${process.platform})` };
  const probe = spawnSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
  return probe.status === 0
    ? { pinned: true, how: 'pinned to one core with `taskset -c 0`' }
    : { pinned: false, how: 'not pinned (taskset unavailable)' };
}

export interface ChildOutcome<T extends ChildResult> {
  result: T | null;
  error: string | null;
  wallMs: number;
}

const CHILD = path.join(import.meta.dirname, 'child.ts');

export async function runChild<T extends ChildResult>(
  config: ChildConfig,
  pinning: Pinning,
  timeoutMs: number,
): Promise<ChildOutcome<T>> {
  const configFile = config.resultFile.replace(/\.json$/, '.config.json');
  writeFileSync(configFile, JSON.stringify(config));
  rmSync(config.resultFile, { force: true });
  const node = [process.execPath, '--expose-gc', '--import', 'tsx', CHILD, configFile];
  const [command, ...args] = pinning.pinned ? ['taskset', '-c', '0', ...node] : node;
  const started = performance.now();
  const output: string[] = [];
  const child = spawn(command!, args, {
    cwd: path.resolve(import.meta.dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  rmSync(configFile, { force: true });
  if (timedOut) return { result: null, error: `timed out after ${Math.round(timeoutMs / 1000)} s`, wallMs };
  if (code !== 0 || !existsSync(config.resultFile)) {
    // Stack frames say little; the message lines (e.g. a syntax error's file:line) say what broke.
    const tail = output
      .join('')
      .trim()
      .split('\n')
      .filter((line) => line.trim() && !/^\s+at /.test(line))
      .slice(-8)
      .join('\n');
    return { result: null, error: `exited with code ${code}${tail ? `:\n${tail}` : ''}`, wallMs };
  }
  const result = JSON.parse(readFileSync(config.resultFile, 'utf8')) as T;
  rmSync(config.resultFile, { force: true });
  return { result, error: null, wallMs };
}
