/**
 * Reads a corpus folder into a Corpus. Never throws for a bad file or folder: every .md/.txt file ends
 * up either in `documents` or in `problems` (see Corpus.problems).
 */
import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { docIdFromFileName, isDocumentFile, isIgnoredFile, parseDocument } from './document.js';
import { problem } from './problems.js';
import { Corpus } from './corpus.js';
import { CorpusDocument } from './corpus-document.js';
import type { CorpusProblem } from './types.js';

/** Files larger than this are reported rather than loaded (split them into several documents). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const READ_CONCURRENCY = 32;
const READ_BATCH = 128;

export interface CorpusFile {
  /** Path relative to the corpus folder (its extension picks the format). */
  file: string;
  /** The file's bytes, or already-decoded text. */
  content: Uint8Array | string;
  /** How the file looked on disk when read (see `fileStamp`), if it may be kept on a later load. */
  stamp?: string | null;
}

export interface LoadOptions {
  /**
   * The corpus loaded last time from this folder: its documents whose files have not changed since are
   * kept as they are instead of being read and parsed again (a reload of a large corpus).
   */
  previous?: Corpus;
  /**
   * A file changed less than this long before it was read is read again next time whatever its stamp,
   * since file times tick coarsely (a jiffy, or 2 s on FAT) and a second write in the same tick would
   * look unchanged. Default 2,000 ms.
   */
  settledMs?: number;
}

const SETTLED_MS = 2_000;

/**
 * A file's identity, size and last change (ctime changes on every write and cannot be set back, unlike
 * mtime); null when the file changed so recently that another change could share its time stamps.
 */
function fileStamp(info: Stats, readAt: number, settledMs: number): string | null {
  if (info.ctimeMs > readAt - settledMs) return null;
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message.replace(/^[A-Z]+: /u, '')}` : error.message;
  }
  return String(error);
}

/** Adds parsed files to a corpus one at a time, so a caller can let each file's bytes go once parsed. */
class CorpusAssembler {
  private readonly documents: CorpusDocument[] = [];
  private readonly owners = new Map<string, string>();

  constructor(private readonly problems: CorpusProblem[]) {}

  add({ file, content, stamp = null }: CorpusFile): void {
    if (!this.idIsFree(file)) return;
    let result: ReturnType<typeof parseDocument>;
    try {
      result = parseDocument(file, content);
    } catch (error) {
      // A bug met by one odd file must not stop the rest of the corpus from loading.
      this.problems.push(
        problem(
          file,
          'file',
          `Parley could not read this file (${errorText(error)}); this is a bug in Parley`,
          'report it with the file attached; meanwhile move the file out of the corpus folder',
        ),
      );
      return;
    }
    this.problems.push(...result.problems);
    if (result.document) this.keep(result.document.withFileStamp(stamp));
  }

  /** A document kept from the previous load: its file has not changed. */
  reuse(document: CorpusDocument): void {
    if (this.idIsFree(document.file)) this.keep(document);
  }

  /** Whether no loaded document has the file's id yet; if one has, the file is reported. */
  private idIsFree(file: string): boolean {
    const docId = docIdFromFileName(file);
    const owner = this.owners.get(docId);
    if (owner !== undefined) {
      this.problems.push(
        problem(
          file,
          'file',
          `its document id "${docId}" is the same as that of "${owner}" (ids come from the file name)`,
          `rename one of the two files so their names differ by more than case, accents or punctuation`,
        ),
      );
      return false;
    }
    return true;
  }

  private keep(document: CorpusDocument): void {
    this.owners.set(document.docId, document.file);
    this.documents.push(document);
  }

  /** The documents, their sentences numbered across the corpus by `Corpus`. */
  corpus(dir: string): Corpus {
    return new Corpus(dir, this.documents, this.problems);
  }
}

/**
 * Builds a corpus from files already in memory (tests, benchmarks, generated corpora). Files are parsed
 * in the order given; sentence ids run across the corpus in that order.
 */
export function corpusFromFiles(
  dir: string,
  files: readonly CorpusFile[],
  initialProblems: CorpusProblem[] = [],
): Corpus {
  const assembler = new CorpusAssembler([...initialProblems]);
  for (const file of files) assembler.add(file);
  return assembler.corpus(dir);
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Loads every .md/.markdown/.txt file directly inside `dir` (sub-folders are not read), in file-name
 * order. Ignored: names starting with `_` or `.`, and README files. With `options.previous`, documents
 * whose files are unchanged since that load are kept instead of read again.
 */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<Corpus> {
  const folderProblem = (message: string, fix: string): Corpus =>
    new Corpus(dir, [], [problem(dir, 'corpus', message, fix)]);

  let names: string[];
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) {
      return folderProblem(
        `"${dir}" is a file, not a corpus folder`,
        'pass the folder that holds the documents (--corpus DIR)',
      );
    }
    const entries = await readdir(dir, { withFileTypes: true });
    names = [];
    for (const entry of entries) {
      if (!isDocumentFile(entry.name) || isIgnoredFile(entry.name)) continue;
      if (entry.isFile()) names.push(entry.name);
      else if (entry.isSymbolicLink()) {
        const target = await stat(path.join(dir, entry.name)).catch(() => null);
        if (target === null || target.isFile()) names.push(entry.name);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return folderProblem(
        `the corpus folder "${dir}" does not exist`,
        'create it and put .md or .txt documents in it, or point to the right folder with --corpus DIR',
      );
    }
    return folderProblem(
      `the corpus folder "${dir}" cannot be read (${errorText(error)})`,
      'check the folder permissions',
    );
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const problems: CorpusProblem[] = [];
  const assembler = new CorpusAssembler(problems);
  const before = new Map(options.previous?.documents.map((d) => [d.file, d]));
  const settledMs = options.settledMs ?? SETTLED_MS;
  const readOne = async (name: string): Promise<CorpusFile | CorpusDocument | null> => {
    const full = path.join(dir, name);
    try {
      const readAt = Date.now();
      const info = await stat(full);
      const stamp = fileStamp(info, readAt, settledMs);
      const kept = before.get(name);
      if (kept && stamp !== null && kept.fileStamp === stamp) return kept;
      if (info.size > MAX_FILE_BYTES) {
        problems.push(
          problem(
            name,
            'file',
            `the file is too large (${(info.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`,
            'split it into several documents',
          ),
        );
        return null;
      }
      return { file: name, content: await readFile(full), stamp };
    } catch (error) {
      problems.push(
        problem(
          name,
          'file',
          `the file cannot be read (${errorText(error)})`,
          'check that the file exists and is readable by the user running Parley (e.g. chmod a+r)',
        ),
      );
      return null;
    }
  };
  // Read a batch, parse it, let its bytes go: a large corpus never holds all its raw files at once.
  for (let first = 0; first < names.length; first += READ_BATCH) {
    const batch = await mapLimited(names.slice(first, first + READ_BATCH), READ_CONCURRENCY, readOne);
    for (const file of batch) {
      if (file instanceof CorpusDocument) assembler.reuse(file);
      else if (file) assembler.add(file);
    }
  }
  const corpus = assembler.corpus(dir);
  if (names.length === 0) {
    corpus.problems.push(
      problem(
        dir,
        'corpus',
        'the corpus folder has no documents (.md or .txt files)',
        'add documents to the folder: see the corpus format in the README',
      ),
    );
  }
  corpus.problems.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0),
  );
  return corpus;
}
