import { describe, expect, it } from 'vitest';
import { escapeMentions, escapeText, plainText, safeUrl } from '../../src/render/discord/escape.js';

const ZWSP = '\u200b';

/** Patterns Discord renders as mentions; none may survive escaping. */
const MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>|<\/[^\s>]+:\d+>/u;

describe('escapeMentions', () => {
  it('breaks every kind of mention with a zero-width space', () => {
    expect(escapeMentions('@everyone')).toBe(`@${ZWSP}everyone`);
    expect(escapeMentions('@here')).toBe(`@${ZWSP}here`);
    expect(escapeMentions('<@123456789012345678>')).toBe(`<@${ZWSP}123456789012345678>`);
    expect(escapeMentions('<@!123456789012345678>')).toBe(`<@${ZWSP}!123456789012345678>`);
    expect(escapeMentions('<@&123456789012345678>')).toBe(`<@${ZWSP}&123456789012345678>`);
    expect(escapeMentions('<#123456789012345678>')).toBe(`<#${ZWSP}123456789012345678>`);
    expect(escapeMentions('</quote:123456789012345678>')).toBe(`</${ZWSP}quote:123456789012345678>`);
    expect(escapeMentions('@EVERYONE')).not.toMatch(/@EVERYONE/u);
  });

  it('leaves ordinary text alone', () => {
    expect(escapeMentions('email me at a@b.org, 3 < 4')).toBe('email me at a@b.org, 3 < 4');
  });
});

describe('escapeText', () => {
  it('makes Markdown render literally', () => {
    expect(escapeText('**bold**')).toBe('\\*\\*bold\\*\\*');
    expect(escapeText('_it_')).toBe('\\_it\\_');
    expect(escapeText('`code`')).toBe('\\`code\\`');
    expect(escapeText('||spoiler||')).toBe('\\|\\|spoiler\\|\\|');
    expect(escapeText('~~gone~~')).toBe('\\~\\~gone\\~\\~');
    expect(escapeText('# Heading')).toBe('\\# Heading');
    expect(escapeText('> quoted')).toBe('\\> quoted');
    expect(escapeText('-# small')).toBe('\\-# small');
    expect(escapeText('- item')).toBe('\\- item');
    expect(escapeText('1. item')).toBe('1\\. item');
    expect(escapeText('back\\slash')).toBe('back\\\\slash');
  });

  it('neutralises masked links', () => {
    const out = escapeText('[click here](https://evil.example)');
    expect(out).not.toMatch(/(?<!\\)\[[^\]]*\]\(/u);
    expect(escapeText('[a\nb](https://x.example)')).not.toContain('](');
  });

  it('also escapes mentions, which escapeMarkdown alone leaves', () => {
    const out = escapeText('@everyone look at <@123456789012345678> in <#123456789012345678>');
    expect(out).not.toMatch(MENTION);
  });

  it('keeps emoji and right-to-left text intact', () => {
    expect(escapeText('שלום עכשיו 🕊️ 🇺🇦 👨‍👩‍👧‍👦')).toBe('שלום עכשיו 🕊️ 🇺🇦 👨‍👩‍👧‍👦');
    expect(escapeText('مرحبا **بالعالم**')).toBe('مرحبا \\*\\*بالعالم\\*\\*');
  });

  it('leaves bare URLs clickable', () => {
    expect(escapeText('see https://example.org/a_b_c')).toBe('see https://example.org/a_b_c');
  });
});

describe('plainText', () => {
  it('collapses whitespace and breaks mentions, without Markdown escapes', () => {
    expect(plainText('  **a**\n@here  ')).toBe(`**a** @${ZWSP}here`);
  });
});

describe('safeUrl', () => {
  it('accepts http(s) and encodes characters that would end a masked link', () => {
    expect(safeUrl('https://example.org/a')).toBe('https://example.org/a');
    expect(safeUrl('https://en.wikipedia.org/wiki/Korea_(disambiguation)')).toBe(
      'https://en.wikipedia.org/wiki/Korea_%28disambiguation%29',
    );
  });

  it('rejects anything else', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('')).toBeNull();
    expect(safeUrl(null)).toBeNull();
    expect(safeUrl('ftp://example.org')).toBeNull();
  });
});
