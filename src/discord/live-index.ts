/**
 * The index the bot serves, kept current while it runs: CORPUS_DIR is watched (fs.watch, debounced) and
 * reloaded with loadCorpus on every change. A file that fails validation is logged (file, field, message, fix)
 * and its last good version keeps serving; files fixed or added are picked up without a restart; a file
 * deleted from the folder leaves the index. If loading fails altogether, the previous index keeps serving.
 */
import { EventEmitter } from 'node:events';
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { forgetMemos } from '../analysis/sentence-memo.js';
import { loadCorpus, type LoadOptions } from '../corpus/load.js';
import { Corpus } from '../corpus/corpus.js';
import type { CorpusDocument, CorpusProblem } from '../corpus/types.js';
import { CorpusIndex } from '../search/corpus-index.js';

export interface LiveIndexOptions {
  dir: string;
  logger: Logger;
  /** Quiet time after the last change before reloading (editors write in bursts). Default 300 ms. */
  debounceMs?: number;
  /** Injected in tests; loadCorpus by default (given the corpus served now, so unchanged files are kept). */
  load?: (dir: string, options: LoadOptions) => Promise<Corpus>;
  /** Injected in tests; CorpusIndex.buildAsync by default (a large corpus re-indexes without blocking). */
  build?: (corpus: Corpus) => CorpusIndex | Promise<CorpusIndex>;
}

export interface ReloadReport {
  index: CorpusIndex;
  problems: CorpusProblem[];
  /** Files that failed this time and are served from their last good version. */
  kept: string[];
}

export interface LiveIndexEvents {
  reloaded: [ReloadReport];
  failed: [unknown];
}

const CORPUS_FILE = /\.(md|markdown|txt)$/iu;

export class LiveIndex extends EventEmitter<LiveIndexEvents> {
  private index: CorpusIndex;
  /** The last version of each file that loaded cleanly, by path relative to the corpus folder. */
  private lastGood = new Map<string, CorpusDocument>();
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly load: (dir: string, options: LoadOptions) => Promise<Corpus>;
  private readonly build: (corpus: Corpus) => CorpusIndex | Promise<CorpusIndex>;

  private constructor(private readonly options: LiveIndexOptions) {
    super();
    this.load = options.load ?? loadCorpus;
    this.build = options.build ?? ((corpus) => CorpusIndex.buildAsync(corpus));
    this.index = CorpusIndex.build(new Corpus(options.dir, []));
  }

  /** Load the corpus once (logging its problems) and return a LiveIndex serving it; not yet watching. */
  static async open(options: LiveIndexOptions): Promise<LiveIndex> {
    const live = new LiveIndex(options);
    await live.reload();
    return live;
  }

  /** The index to serve now. Read it once per interaction. */
  get current(): CorpusIndex {
    return this.index;
  }

  /** Start watching the folder for changes. */
  watch(): this {
    if (this.watcher || this.closed) return this;
    const { dir, logger } = this.options;
    try {
      this.watcher = watch(dir, { persistent: false }, (_event, file) => {
        if (file === null || CORPUS_FILE.test(String(file))) this.schedule();
      });
      this.watcher.on('error', (err) => {
        logger.warn({ err, dir }, 'corpus watcher failed; changes will not be picked up until restart');
        this.watcher?.close();
        this.watcher = null;
      });
      logger.debug({ dir }, 'watching corpus folder');
    } catch (err) {
      logger.warn({ err, dir }, 'cannot watch corpus folder; changes will not be picked up until restart');
    }
    return this;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, this.options.debounceMs ?? 300);
  }

  /** Reload now. Reloads never overlap: a change during one triggers one more after it. Never throws. */
  reload(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.reloadOnce();
      } while (this.again && !this.closed);
      this.running = null;
    })();
    return this.running;
  }

  private async reloadOnce(): Promise<void> {
    const { dir, logger } = this.options;
    const started = Date.now();
    try {
      const previous = this.index.corpus;
      const loaded = await this.load(dir, { previous });
      const stampBefore = new Map(previous.documents.map((d) => [d.file, d.fileStamp]));
      const unchanged = loaded.documents.filter(
        (d) => d.fileStamp !== null && stampBefore.get(d.file) === d.fileStamp,
      ).length;
      const { corpus, kept } = this.merge(loaded);
      // The served index's memos would sit beside the new index while it builds (~50 MB at 10,000 docs).
      forgetMemos(this.index);
      const index = await this.build(corpus);
      this.index = index;
      for (const problem of loaded.problems) {
        logger.warn(
          {
            file: problem.file,
            field: problem.field,
            fix: problem.fix,
            servingLastGood: kept.includes(problem.file),
          },
          `corpus problem: ${problem.message}`,
        );
      }
      logger.info(
        {
          dir,
          documents: corpus.documents.length,
          passages: corpus.sentenceCount,
          problems: loaded.problems.length,
          kept,
          unchanged,
          ms: Date.now() - started,
        },
        'corpus loaded',
      );
      this.emit('reloaded', { index, problems: loaded.problems, kept });
    } catch (err) {
      logger.error({ err, dir }, 'corpus reload failed; still serving the previous index');
      this.emit('failed', err);
    }
  }

  /**
   * The loaded corpus, plus the last good version of each file that now has a problem. Sentence ids are
   * renumbered when documents are carried over, so `Corpus.sentence(id)` stays true.
   */
  private merge(loaded: Corpus): { corpus: Corpus; kept: string[] } {
    const broken = new Set(loaded.problems.map((p) => p.file));
    const next = new Map<string, CorpusDocument>();
    for (const doc of loaded.documents) next.set(doc.file, doc);
    const carried: CorpusDocument[] = [];
    for (const [file, doc] of this.lastGood) {
      if (broken.has(file) && !next.has(file)) carried.push(doc);
    }
    for (const doc of loaded.documents) if (!broken.has(doc.file)) this.lastGood.set(doc.file, doc);
    for (const file of this.lastGood.keys())
      if (!next.has(file) && !broken.has(file)) this.lastGood.delete(file);
    if (carried.length === 0) return { corpus: loaded, kept: [] };

    const documents = [...loaded.documents, ...carried].sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
    );
    return {
      corpus: new Corpus(loaded.dir, documents, loaded.problems),
      kept: carried.map((d) => d.file),
    };
  }
}
