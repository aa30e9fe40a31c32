import type { APIEmbed, APIEmbedField } from 'discord.js';
import { LIMITS } from './limits.js';

/** The mark left where text was cut. */
export const ELLIPSIS = '…';

/** A zero-width space: Discord's accepted stand-in for "empty" where a value is required. */
export const BLANK = '\u200b';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Length as Discord counts it: code points, so an emoji (a surrogate pair) counts once. */
export function charLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

export interface TruncateOptions {
  /** Appended when text is cut (default `…`); counted within `max`. */
  ellipsis?: string;
  /** Prefer cutting at a space when one is near the end of what fits (default true). */
  atWord?: boolean;
}

/**
 * Cuts `text` to at most `max` code points, ending with an ellipsis when anything was removed.
 * Never splits a surrogate pair or a grapheme cluster (emoji with modifiers, flags, combining marks),
 * never leaves a dangling Markdown escape (`\`) that would swallow the ellipsis, and prefers a word boundary.
 */
export function truncate(text: string, max: number, options: TruncateOptions = {}): string {
  if (max <= 0) return '';
  if (text.length <= max || charLength(text) <= max) return text;
  const ellipsis = options.ellipsis ?? ELLIPSIS;
  const room = max - charLength(ellipsis);
  if (room <= 0) return Array.from(ellipsis).slice(0, max).join('');

  // Segment only a prefix that surely holds `room` code points (each is at most two UTF-16 units).
  let probeEnd = Math.min(text.length, (room + 32) * 2);
  if (probeEnd < text.length && isHighSurrogate(text.charCodeAt(probeEnd - 1))) probeEnd++;
  const probe = text.slice(0, probeEnd);
  let end = 0;
  if (!/[^\t-\u02ff]/u.test(probe)) {
    // Latin text without combining marks: every code unit is a whole character.
    end = room;
  } else {
    let used = 0;
    for (const { segment, index } of graphemes.segment(probe)) {
      const size = charLength(segment);
      if (used + size > room) break;
      used += size;
      end = index + segment.length;
    }
  }

  let cut = end;
  if ((options.atWord ?? true) && cut < text.length && !/\s/u.test(text[cut] ?? '')) {
    const space = lastWhitespace(text, cut);
    if (space > 0 && space >= cut * 0.7) cut = space;
  }
  const head = dropDanglingEscape(text.slice(0, cut).replace(/\s+$/u, ''));
  return head + ellipsis;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function lastWhitespace(text: string, before: number): number {
  for (let i = before - 1; i > 0; i--) if (/\s/u.test(text[i] ?? '')) return i;
  return -1;
}

/** A text ending in an odd run of backslashes would escape whatever follows it (our ellipsis). */
function dropDanglingEscape(text: string): string {
  let run = 0;
  while (run < text.length && text[text.length - 1 - run] === '\\') run++;
  return run % 2 === 1 ? text.slice(0, -1) : text;
}

/** The embed text Discord counts against the 6,000 total. */
export function embedTextLength(embed: APIEmbed): number {
  let total = 0;
  total += charLength(embed.title ?? '');
  total += charLength(embed.description ?? '');
  total += charLength(embed.footer?.text ?? '');
  total += charLength(embed.author?.name ?? '');
  for (const field of embed.fields ?? []) total += charLength(field.name) + charLength(field.value);
  return total;
}

export function embedsTextLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, embed) => sum + embedTextLength(embed), 0);
}

/** One embed within its per-part limits: every part truncated, at most 25 fields, no empty field. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (embed.title !== undefined) fitted.title = truncate(embed.title, LIMITS.embedTitle);
  if (embed.description !== undefined) {
    fitted.description = truncate(embed.description, LIMITS.embedDescription);
    if (fitted.description.trim() === '') delete fitted.description;
  }
  if (embed.footer) fitted.footer = { ...embed.footer, text: truncate(embed.footer.text, LIMITS.footerText) };
  if (embed.author) fitted.author = { ...embed.author, name: truncate(embed.author.name, LIMITS.authorName) };
  if (embed.fields) fitted.fields = embed.fields.slice(0, LIMITS.embedFields).map(fitField);
  return fitted;
}

function fitField(field: APIEmbedField): APIEmbedField {
  const name = truncate(field.name, LIMITS.fieldName);
  const value = truncate(field.value, LIMITS.fieldValue);
  return { ...field, name: name.trim() === '' ? BLANK : name, value: value.trim() === '' ? BLANK : value };
}

/**
 * A set of embeds that one message can carry: at most 10, each within its limits, all their text together
 * within 6,000. Over the total, the longest texts are shortened first (each keeps at least a few words), then
 * trailing fields and embeds are dropped. Renderers budget their text so this is a safety net, not the plan.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, LIMITS.embeds).map(fitEmbed);
  let excess = embedsTextLength(fitted) - LIMITS.embedTotal;
  if (excess <= 0) return fitted;

  const floor = 40;
  const slots = textSlots(fitted)
    .map((slot) => ({ slot, length: charLength(slot.get()) }))
    .sort((a, b) => b.length - a.length);
  for (const entry of slots) {
    if (excess <= 0 || entry.length <= floor) break;
    const shorter = truncate(entry.slot.get(), Math.max(floor, entry.length - excess));
    entry.slot.set(shorter);
    excess -= entry.length - charLength(shorter);
  }
  while (excess > 0 && fitted.length > 0) {
    const last = fitted[fitted.length - 1]!;
    if (last.fields && last.fields.length > 0) last.fields = last.fields.slice(0, -1);
    else if (fitted.length > 1) fitted.pop();
    else {
      // One embed, no fields left, every text at the floor: cut what remains hard.
      for (const slot of textSlots(fitted)) slot.set(truncate(slot.get(), 1));
      break;
    }
    excess = embedsTextLength(fitted) - LIMITS.embedTotal;
  }
  return fitted;
}

interface Slot {
  get(): string;
  set(value: string): void;
}

/** Every shortenable text of the embeds: descriptions, field values, footers, titles. */
function textSlots(embeds: APIEmbed[]): Slot[] {
  const slots: Slot[] = [];
  for (const embed of embeds) {
    if (embed.description !== undefined) {
      slots.push({ get: () => embed.description ?? '', set: (v) => (embed.description = v) });
    }
    for (const field of embed.fields ?? [])
      slots.push({ get: () => field.value, set: (v) => (field.value = v) });
    if (embed.footer) {
      const footer = embed.footer;
      slots.push({ get: () => footer.text, set: (v) => (footer.text = v) });
    }
    if (embed.title !== undefined)
      slots.push({ get: () => embed.title ?? '', set: (v) => (embed.title = v) });
  }
  return slots;
}

/**
 * Keeps the end of `text` within `max` code points, starting with an ellipsis when anything was removed
 * (for the text before a quoted sentence). Whole grapheme clusters, preferably whole words.
 */
export function truncateStart(text: string, max: number, ellipsis = ELLIPSIS): string {
  if (max <= 0) return '';
  if (text.length <= max || charLength(text) <= max) return text;
  const room = max - charLength(ellipsis);
  if (room <= 0) return Array.from(ellipsis).slice(0, max).join('');
  // Segment only a tail that surely holds `room` code points.
  let from = Math.max(0, text.length - (room + 32) * 2);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from++;
  const parts = Array.from(graphemes.segment(text.slice(from)), (s) => s.segment);
  let used = 0;
  let start = parts.length;
  while (start > 0) {
    const size = charLength(parts[start - 1]!);
    if (used + size > room) break;
    used += size;
    start--;
  }
  let tail = parts.slice(start).join('');
  const midWord = (start > 0 || from > 0) && !/\s/u.test(parts[start - 1] ?? text[from - 1] ?? '');
  const space = tail.search(/\s/u);
  if (midWord && space >= 0 && space <= tail.length * 0.3) tail = tail.slice(space);
  return ellipsis + tail.replace(/^\s+/u, '');
}
