import { escapeMarkdown } from 'discord.js';

/** Zero-width space: breaks a mention or a Markdown construct without changing what the reader sees. */
const ZWSP = '\u200b';

/**
 * Makes mentions render literally. `allowedMentions: { parse: [] }` already stops pings; this also stops
 * `<@id>` from rendering as a highlighted user, `@everyone` from looking like one, and so on.
 * `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&id>` get a zero-width space after the `@`; `<#id>` after the `#`;
 * slash-command mentions `</name:id>` after the `/`.
 */
export function escapeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/giu, `@${ZWSP}$1`)
    .replace(/<@(!|&)?(?=\d)/gu, (match) => `<@${ZWSP}${match.slice(2)}`)
    .replace(/<#(?=\d)/gu, `<#${ZWSP}`)
    .replace(/<\/(?=[^\s>]+:\d+>)/gu, `</${ZWSP}`);
}

/**
 * Makes user text and corpus text render literally in a message or embed: all of Discord's Markdown
 * (bold, italics, underline, strike, spoilers, code, headings, lists, block quotes, subtext, masked links)
 * and all mentions. Apply it to text, never to Markdown this code writes itself.
 */
export function escapeText(text: string): string {
  const markdown = escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  return escapeMentions(
    markdown
      // Block quotes (`> `, `>>> `) and subtext (`-# `) at the start of a line.
      .replace(/^(\s*)(>)/gmu, '$1\\$2')
      .replace(/^(\s*)-#/gmu, '$1\\-#')
      // A masked link split over lines, or `[text](<url>)`, still renders: break every `](`.
      .replace(/\]\(/gu, `]${ZWSP}(`),
  );
}

/** Text for a place where Markdown does not render (button labels, choice names, thread names): mentions only. */
export function plainText(text: string): string {
  return escapeMentions(text.replace(/\s+/gu, ' ').trim());
}

/**
 * A URL fit for a masked link or an embed `url`: http(s) only, and with the characters that would end the
 * link early percent-encoded. Anything else gives null (show the title without a link).
 */
export function safeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href.replace(
    /[()<> ]/gu,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
