import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { HotSpot } from './types.js';

/**
 * In-process profiling for `npm run bench -- --profile`: the CPU profile of one phase (load or build) and
 * the sampled heap still live at the end, summarised by function and by file so the report can name the
 * hot spots without opening DevTools (the raw profiles are written too).
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

export interface HeapProfile {
  head: HeapNode;
}

export class Profiler {
  private readonly session = new Session();

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('HeapProfiler.enable');
  }

  async startCpu(): Promise<void> {
    await this.session.post('Profiler.start');
  }

  async stopCpu(): Promise<CpuProfile> {
    const { profile } = (await this.session.post('Profiler.stop')) as { profile: CpuProfile };
    return profile;
  }

  /** Samples allocations; with `includeCollected`, also those of objects already garbage-collected (all allocation). */
  async startHeap(includeCollected = false): Promise<void> {
    await this.session.post('HeapProfiler.startSampling', {
      samplingInterval: 64 * 1024,
      includeObjectsCollectedByMajorGC: includeCollected,
      includeObjectsCollectedByMinorGC: includeCollected,
    });
  }

  async stopHeap(): Promise<HeapProfile> {
    const { profile } = (await this.session.post('HeapProfiler.stopSampling')) as { profile: HeapProfile };
    return profile;
  }

  stop(): void {
    this.session.disconnect();
  }
}

function frameName(frame: CallFrame, root: string): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url ? `${name} (${fileName(frame.url, root)})` : name;
}

function fileName(url: string, root: string): string {
  if (!url) return '(native / V8)';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative;
}

function top(table: Map<string, { self: number; total: number }>, n: number, scale: number): HotSpot[] {
  return [...table]
    .map(([name, v]) => ({ name, self: v.self * scale, total: v.total * scale }))
    .sort((a, b) => b.self - a.self || b.total - a.total)
    .slice(0, n);
}

/** Self and inclusive milliseconds per function and per file (inclusive counts each function once per stack). */
export function summariseCpu(
  profile: CpuProfile,
  root: string,
  n = 15,
): { functions: HotSpot[]; files: HotSpot[] } {
  const parent = new Map<number, number>();
  const byId = new Map<number, CpuNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerHit = totalHits > 0 ? (profile.endTime - profile.startTime) / 1000 / totalHits : 0;
  const functions = new Map<string, { self: number; total: number }>();
  const files = new Map<string, { self: number; total: number }>();
  const entry = (table: Map<string, { self: number; total: number }>, key: string) => {
    let value = table.get(key);
    if (!value) table.set(key, (value = { self: 0, total: 0 }));
    return value;
  };
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    entry(functions, frameName(node.callFrame, root)).self += hits;
    entry(files, fileName(node.callFrame.url, root)).self += hits;
    const seenFunctions = new Set<string>();
    const seenFiles = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      const fn = frameName(frame, root);
      const file = fileName(frame.url, root);
      if (!seenFunctions.has(fn)) entry(functions, fn).total += hits;
      if (!seenFiles.has(file)) entry(files, file).total += hits;
      seenFunctions.add(fn);
      seenFiles.add(file);
    }
  }
  const round = (spots: HotSpot[]) =>
    spots.map((s) => ({ ...s, self: Math.round(s.self), total: Math.round(s.total) }));
  return { functions: round(top(functions, n, msPerHit)), files: round(top(files, n, msPerHit)) };
}

/** Live bytes per allocating function and per file, in MB. */
export function summariseHeap(
  profile: HeapProfile,
  root: string,
  n = 15,
): { functions: HotSpot[]; files: HotSpot[]; totalMB: number } {
  const functions = new Map<string, { self: number; total: number }>();
  const files = new Map<string, { self: number; total: number }>();
  let totalBytes = 0;
  const visit = (node: HeapNode, stackFunctions: Set<string>, stackFiles: Set<string>): number => {
    const fn = frameName(node.callFrame, root);
    const file = fileName(node.callFrame.url, root);
    let subtree = node.selfSize;
    const addedFn = !stackFunctions.has(fn);
    const addedFile = !stackFiles.has(file);
    if (addedFn) stackFunctions.add(fn);
    if (addedFile) stackFiles.add(file);
    for (const child of node.children) subtree += visit(child, stackFunctions, stackFiles);
    if (addedFn) stackFunctions.delete(fn);
    if (addedFile) stackFiles.delete(file);
    const f = functions.get(fn) ?? { self: 0, total: 0 };
    f.self += node.selfSize;
    if (addedFn) f.total += subtree;
    functions.set(fn, f);
    const g = files.get(file) ?? { self: 0, total: 0 };
    g.self += node.selfSize;
    if (addedFile) g.total += subtree;
    files.set(file, g);
    totalBytes += node.selfSize;
    return subtree;
  };
  visit(profile.head, new Set(), new Set());
  const mb = 1 / 1024 / 1024;
  const round = (spots: HotSpot[]) =>
    spots.map((s) => ({ ...s, self: Math.round(s.self * 10) / 10, total: Math.round(s.total * 10) / 10 }));
  return {
    functions: round(top(functions, n, mb)),
    files: round(top(files, n, mb)),
    totalMB: Math.round(totalBytes * mb),
  };
}
