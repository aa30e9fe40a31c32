/**
 * Button state, kept in the button's `custom_id` so it survives restarts and needs no shared memory between
 * shards. Format: `<command>:<action>:<version>:<field>:…:<last field>`, at most 100 characters.
 *
 *   quote:page:1:<offset>:<limit>:<flags>:<doc>:<topic>   More / Previous / "did you mean" buttons
 *   quote:ctx:1:<sentenceId>:<paragraph>:<position>:<flags>:<doc>   Context button
 *   docs:page:1:<offset>   reading-list pages
 *
 * Flags: `c` include reader comments, `t` topic was shortened to fit, `h` the shortened topic starts with
 * a 7-character hash of the whole one, `d` doc is a prefix of the docId.
 * Fields before the last escape `%` and `:` as `%25` and `%3A`; the last field is raw (it may hold `:`).
 * When the topic does not fit it is shortened at a word boundary, never inside a surrogate pair, and the
 * whole topic is remembered in this process under its hash, so More pages through the topic that was asked;
 * after a restart the shortened topic is all there is, and `topicTruncated` says so. A long docId is
 * shortened to a prefix that `resolveDocId` expands again.
 * Parsing is strict (zod): anything malformed or from another version parses to null.
 */
import { z } from 'zod';
import { LIMITS } from '../render/discord/limits.js';
import { MAX_LIMIT } from '../search/quote.js';

const SEP = ':';
const VERSION = '1';

export interface QuotePageState {
  topic: string;
  offset: number;
  limit: number;
  comments: boolean;
  /** A docId, or a prefix of one when `docIsPrefix`; null for the whole corpus. */
  doc: string | null;
  docIsPrefix: boolean;
  /** `topic` is only the start of the topic asked: it was shortened to fit, and this process does not know the rest. */
  topicTruncated: boolean;
}

export interface ContextState {
  /** Index in Corpus.sentences when the button was made (checked, since a reload renumbers). */
  sentenceId: number;
  paragraph: number;
  /** 0-based position of the sentence in its paragraph: survives a reload that renumbers sentence ids. */
  position: number;
  doc: string;
  docIsPrefix: boolean;
}

export interface DocsPageState {
  offset: number;
}

export type ParsedCustomId =
  | { key: 'quote:page'; state: QuotePageState }
  | { key: 'quote:ctx'; state: ContextState }
  | { key: 'docs:page'; state: DocsPageState };

export type ButtonKey = ParsedCustomId['key'];
export type ButtonState<K extends ButtonKey> = Extract<ParsedCustomId, { key: K }>['state'];

// ---------------------------------------------------------------- encoding

export function encodeQuotePage(state: Omit<QuotePageState, 'docIsPrefix' | 'topicTruncated'>): string {
  checkInt(state.offset, 0, 999_999_999, 'offset');
  checkInt(state.limit, 1, MAX_LIMIT, 'limit');
  const head = ['quote', 'page', VERSION, String(state.offset), String(state.limit)].join(SEP) + SEP;
  // Budget with the longest flags, then write the flags that apply.
  const room = LIMITS.customId - head.length - 'cthd'.length - 2 * SEP.length;
  const doc = escapeField(state.doc ?? '');
  const topic = state.topic.replace(/\s+/gu, ' ').trim();
  let docPart = doc;
  if (doc.length + topic.length > room) {
    const docMax = Math.min(doc.length, Math.max(40, room - topic.length - HASH_LENGTH));
    docPart = cutEscaped(doc, docMax);
  }
  let topicPart = topic;
  if (docPart.length + topic.length > room) {
    const hash = topicHash(topic);
    rememberTopic(hash, topic);
    topicPart = hash + fitUnits(topic, room - docPart.length - HASH_LENGTH, true);
  }
  const shortened = topicPart !== topic ? 'th' : '';
  const flags = (state.comments ? 'c' : '') + shortened + (docPart !== doc ? 'd' : '');
  return head + flags + SEP + docPart + SEP + topicPart;
}

const HASH_LENGTH = 7;
/** Whole topics behind shortened ones, most recent last; a few thousand long topics, a few hundred KB. */
const REMEMBERED_TOPICS = 5_000;
const rememberedTopics = new Map<string, string>();

/** FNV-1a over the UTF-16 units, in base 36, always 7 characters. */
function topicHash(topic: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < topic.length; i++) hash = Math.imul(hash ^ topic.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36).padStart(HASH_LENGTH, '0');
}

function rememberTopic(hash: string, topic: string): void {
  rememberedTopics.delete(hash);
  rememberedTopics.set(hash, topic);
  if (rememberedTopics.size > REMEMBERED_TOPICS)
    rememberedTopics.delete(rememberedTopics.keys().next().value!);
}

/** The whole topic behind a hashed, shortened one, if this process made it. */
function recallTopic(hash: string, shortened: string): string | null {
  const topic = rememberedTopics.get(hash);
  return topic !== undefined && topic.startsWith(shortened) ? topic : null;
}

export function encodeContext(state: Omit<ContextState, 'docIsPrefix'>): string {
  checkInt(state.sentenceId, 0, 999_999_999, 'sentenceId');
  checkInt(state.paragraph, 0, 999_999, 'paragraph');
  checkInt(state.position, 0, 999_999, 'position');
  const head =
    ['quote', 'ctx', VERSION, String(state.sentenceId), String(state.paragraph), String(state.position)].join(
      SEP,
    ) + SEP;
  const room = LIMITS.customId - head.length - 'd'.length - SEP.length;
  const doc = fitUnits(state.doc, room, false);
  return head + (doc !== state.doc ? 'd' : '') + SEP + doc;
}

export function encodeDocsPage(state: DocsPageState): string {
  checkInt(state.offset, 0, 999_999_999, 'offset');
  return ['docs', 'page', VERSION, String(state.offset)].join(SEP);
}

function checkInt(value: number, min: number, max: number, name: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`custom_id ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function escapeField(text: string): string {
  return text.replace(/%/gu, '%25').replace(/:/gu, '%3A');
}

function unescapeField(text: string): string {
  return text.replace(/%3A/giu, ':').replace(/%25/gu, '%');
}

/** Cut an escaped field to `max` UTF-16 units without leaving half of a `%XX` escape. */
function cutEscaped(text: string, max: number): string {
  const cut = fitUnits(text, max, false);
  return cut.replace(/%[0-9A-Fa-f]?$/u, '');
}

/**
 * The longest start of `text` within `max` UTF-16 units (custom_id is limited in characters; counting units
 * is the stricter measure), whole code points only; at a word boundary when `atWord` and one is near.
 */
export function fitUnits(text: string, max: number, atWord: boolean): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const ch of text) {
    if (end + ch.length > max) break;
    end += ch.length;
  }
  if (atWord && text[end] !== ' ') {
    const space = text.lastIndexOf(' ', end);
    if (space >= end * 0.6) end = space;
  }
  return text.slice(0, end).trimEnd();
}

// ---------------------------------------------------------------- parsing

const count = (max: number) =>
  z
    .string()
    .regex(/^(0|[1-9]\d{0,8})$/u)
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));

const quotePageV1 = z
  .tuple([
    count(999_999_999),
    count(MAX_LIMIT).pipe(z.number().min(1)),
    z.string().regex(/^c?(?:th?)?d?$/u),
    z.string(),
    z.string().min(1),
  ])
  .refine(([, , flags, , topic]) => !flags.includes('h') || topic.length > HASH_LENGTH)
  .transform(([offset, limit, flags, doc, topic]): QuotePageState => {
    const hashed = flags.includes('h');
    const shortened = hashed ? topic.slice(HASH_LENGTH) : topic;
    const whole = hashed ? recallTopic(topic.slice(0, HASH_LENGTH), shortened) : null;
    return {
      offset,
      limit,
      comments: flags.includes('c'),
      topicTruncated: flags.includes('t') && whole === null,
      docIsPrefix: flags.includes('d'),
      doc: doc === '' ? null : unescapeField(doc),
      topic: whole ?? shortened,
    };
  });

const contextV1 = z
  .tuple([count(999_999_999), count(999_999), count(999_999), z.string().regex(/^d?$/u), z.string().min(1)])
  .transform(([sentenceId, paragraph, position, flags, doc]): ContextState => ({
    sentenceId,
    paragraph,
    position,
    docIsPrefix: flags === 'd',
    doc,
  }));

const docsPageV1 = z.tuple([count(999_999_999)]).transform(([offset]): DocsPageState => ({ offset }));

/** Field count after `<command>:<action>:<version>` and the schema, per key and version. */
const SCHEMAS: Record<string, { fields: number; schema: z.ZodType<unknown, unknown> } | undefined> = {
  'quote:page:1': { fields: 5, schema: quotePageV1 },
  'quote:ctx:1': { fields: 5, schema: contextV1 },
  'docs:page:1': { fields: 1, schema: docsPageV1 },
};

/** The state in a custom_id, or null when it is malformed, unknown, or from another version. */
export function parseCustomId(customId: string): ParsedCustomId | null {
  if (customId.length > LIMITS.customId) return null;
  const [command, action, version] = customId.split(SEP, 3);
  if (command === undefined || action === undefined || version === undefined) return null;
  const entry = SCHEMAS[`${command}:${action}:${version}`];
  if (!entry) return null;
  const headLength = command.length + action.length + version.length + 3 * SEP.length;
  if (customId.length < headLength) return null;
  const fields = splitFields(customId.slice(headLength), entry.fields);
  if (!fields) return null;
  const parsed = entry.schema.safeParse(fields);
  if (!parsed.success) return null;
  return { key: `${command}:${action}`, state: parsed.data } as ParsedCustomId;
}

/** Split into exactly `n` fields; the last one keeps any further separators. */
function splitFields(text: string, n: number): string[] | null {
  const fields: string[] = [];
  let rest = text;
  for (let i = 0; i < n - 1; i++) {
    const at = rest.indexOf(SEP);
    if (at < 0) return null;
    fields.push(rest.slice(0, at));
    rest = rest.slice(at + SEP.length);
  }
  fields.push(rest);
  return fields;
}
