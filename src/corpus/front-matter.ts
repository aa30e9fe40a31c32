/**
 * YAML front matter of a Markdown document: `---` on the first line, `key: value` lines, then `---`
 * (or `...`). Validated with zod; every mistake becomes a problem naming the field and the fix.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { lineAt, problem } from './problems.js';
import type { CorpusProblem, DocumentMeta } from './types.js';

export const FRONT_MATTER_FIELDS = ['title', 'author', 'source', 'published', 'summary'] as const;
type Field = (typeof FRONT_MATTER_FIELDS)[number];

function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    (url.hostname.includes('.') || url.hostname === 'localhost')
  );
}

function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** An optional text field: absent, empty (`author:`) or blank all mean "not given". */
const optionalText = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null));

/** The front matter schema. Unknown keys are rejected so that typos (`auther`) are caught. */
export const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1),
  author: optionalText,
  source: z
    .string()
    .trim()
    .refine((v) => v === '' || isHttpUrl(v), {
      message: 'is not a web address (it must start with http:// or https://)',
    })
    .nullish()
    .transform((v) => (v ? v : null)),
  published: z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), { message: 'is not written as YYYY-MM-DD' })
    .refine((v) => v === '' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || isCalendarDate(v), {
      message: 'is not a real calendar date',
    })
    .nullish()
    .transform((v) => (v ? v : null)),
  summary: z
    .string()
    .trim()
    .refine((v) => !v.includes('\n'), { message: 'must be one line' })
    .nullish()
    .transform((v) => (v ? v : null)),
});

const FIX: Record<Field, string> = {
  title: 'add a line "title: ..." to the front matter',
  author:
    "write the author's name as text, e.g. author: Jane Doe, or remove the line if the document is unsigned",
  source: 'write the full web address, e.g. source: https://example.com/article, or remove the line',
  published: 'write the date as YYYY-MM-DD, e.g. published: 2025-08-16, or remove the line',
  summary: 'write the summary as one line of text (quote it if it contains ": "), or remove the line',
};

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a timestamp';
  if (typeof value === 'object') return 'a nested set of fields';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value} (${String(value)})`;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** The allowed field closest to an unknown key, if it is plausibly a typo of it. */
export function closestField(key: string): Field | null {
  const k = key.toLowerCase().trim();
  let best: Field | null = null;
  let bestDistance = Infinity;
  for (const f of FRONT_MATTER_FIELDS) {
    const d = editDistance(k, f);
    if (d < bestDistance) {
      best = f;
      bestDistance = d;
    }
  }
  const synonyms: Record<string, Field> = {
    name: 'title',
    headline: 'title',
    by: 'author',
    byline: 'author',
    writer: 'author',
    url: 'source',
    link: 'source',
    date: 'published',
    thesis: 'summary',
    description: 'summary',
    abstract: 'summary',
  };
  if (synonyms[k]) return synonyms[k];
  return best !== null && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}

export interface FrontMatterOk {
  ok: true;
  meta: DocumentMeta;
  /** Offset of the first character after the closing `---` line. */
  bodyStart: number;
}
export interface FrontMatterFailed {
  ok: false;
  problems: CorpusProblem[];
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Finds and validates the front matter at the top of `source` (already normalised to \n). Blank lines
 * before the opening `---` are allowed.
 */
export function parseFrontMatter(file: string, source: string): FrontMatterOk | FrontMatterFailed {
  const fail = (field: string, message: string, fix: string, line?: number): FrontMatterFailed => ({
    ok: false,
    problems: [problem(file, field, message, fix, line)],
  });

  // Skip leading blank lines.
  let pos = 0;
  for (;;) {
    const nl = source.indexOf('\n', pos);
    const line = source.slice(pos, nl === -1 ? source.length : nl);
    if (line.trim() !== '' || nl === -1) break;
    pos = nl + 1;
  }
  const firstEnd = source.indexOf('\n', pos);
  const firstLine = source.slice(pos, firstEnd === -1 ? source.length : firstEnd);
  if (!FENCE.test(firstLine)) {
    const looksLikeFields = /^(title|author|source|published|summary)\s*:/i.test(firstLine.trim());
    return fail(
      'front matter',
      looksLikeFields
        ? 'the front matter is not enclosed in "---" lines'
        : 'the file has no front matter (a .md document must start with a "---" line, its fields, then "---")',
      looksLikeFields
        ? 'put a line "---" before the first field and another "---" after the last one'
        : 'add at the top of the file three lines: "---", "title: ...", "---" (or rename it to .txt to take the title from the file name)',
      lineAt(source, pos),
    );
  }
  const yamlStart = firstEnd === -1 ? source.length : firstEnd + 1;
  // Find the closing fence.
  let cursor = yamlStart;
  let closeStart = -1;
  let bodyStart = source.length;
  while (cursor < source.length) {
    const nl = source.indexOf('\n', cursor);
    const line = source.slice(cursor, nl === -1 ? source.length : nl);
    if (CLOSE.test(line)) {
      closeStart = cursor;
      bodyStart = nl === -1 ? source.length : nl + 1;
      break;
    }
    if (nl === -1) break;
    cursor = nl + 1;
  }
  if (closeStart === -1) {
    return fail(
      'front matter',
      `the front matter opened on line ${lineAt(source, pos)} is never closed`,
      'add a line "---" after the last front-matter field, before the text',
      lineAt(source, pos),
    );
  }

  const yamlText = source.slice(yamlStart, closeStart);
  const firstYamlLine = lineAt(source, yamlStart);
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = err.linePos ? err.linePos[0].line + firstYamlLine - 1 : firstYamlLine;
    const reason = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return fail(
      'front matter',
      `the front matter is not valid YAML (line ${line}): ${reason}`,
      'write each field as "name: value" on its own line; put values containing ": " or starting with a quote in double quotes',
      line,
    );
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    return fail('title', 'the front matter is empty: it has no title', FIX.title, firstYamlLine);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return fail(
      'front matter',
      'the front matter must be a list of "name: value" lines',
      'write each field as "name: value" on its own line, e.g. title: My essay',
      firstYamlLine,
    );
  }
  const record = raw as Record<string, unknown>;
  const keyLine = (key: string): number | undefined => {
    const re = new RegExp(`^\\s*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`, 'm');
    const m = re.exec(yamlText);
    return m ? lineAt(yamlText, m.index) + firstYamlLine - 1 : undefined;
  };

  const parsed = frontMatterSchema.safeParse(record);
  if (parsed.success) {
    const { source, ...rest } = parsed.data;
    return { ok: true, meta: { ...rest, sourceUrl: source }, bodyStart };
  }

  const problems: CorpusProblem[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const guess = closestField(key);
        problems.push(
          problem(
            file,
            key,
            `unknown front-matter field "${key}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
            guess && !(guess in record)
              ? `rename "${key}" to "${guess}"`
              : `remove the line "${key}: ..."; the allowed fields are ${FRONT_MATTER_FIELDS.join(', ')}`,
            keyLine(key),
          ),
        );
      }
      continue;
    }
    const field = String(issue.path[0] ?? 'front matter') as Field;
    const value = record[field];
    let message: string;
    let fix = FIX[field] ?? `fix the "${field}" field`;
    if (
      field === 'title' &&
      (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    ) {
      message = value === undefined ? 'the front matter has no title' : 'the title is empty';
      if (value !== undefined)
        fix = 'write the title after "title: ", e.g. title: Security guarantees after the war';
    } else if (issue.code === 'invalid_type') {
      message = `${field} must be text, but it is ${describe(value)}`;
      if (typeof value === 'number' || typeof value === 'boolean') {
        fix = `put the ${field} in double quotes, e.g. ${field}: "${String(value)}"`;
      }
    } else {
      message = `${field} "${String(value)}" ${issue.message}`;
    }
    problems.push(problem(file, field, message, fix, keyLine(field) ?? firstYamlLine));
  }
  return { ok: false, problems };
}
