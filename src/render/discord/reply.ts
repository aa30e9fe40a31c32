import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js';
import { LIMITS } from './limits.js';
import { BLANK, charLength, embedsTextLength, fitEmbeds, truncate } from './truncate.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** What a command or button answers with, before it leaves through `respond` (src/discord/respond.ts). */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: ButtonRow[];
  /** Only the person who asked sees it. Honoured on a first reply; a deferred reply keeps its deferral's choice. */
  ephemeral?: boolean;
}

/** A short text answer (errors, notices), ephemeral unless told otherwise. */
export function notice(text: string, ephemeral = true): Reply {
  return { content: text, ephemeral };
}

export interface ButtonSpec {
  label: string;
  customId: string;
  style?: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;
  disabled?: boolean;
}

/** Buttons laid out in rows of five. */
export function buttonRows(buttons: readonly ButtonSpec[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + LIMITS.buttonsPerRow).map((b) => ({
        type: ComponentType.Button,
        style: b.style ?? ButtonStyle.Secondary,
        label: b.label,
        custom_id: b.customId,
        ...(b.disabled ? { disabled: true } : {}),
      })),
    });
  }
  return rows;
}

/**
 * A reply that Discord will accept: content within 2,000, embeds fitted (10, per-part limits, 6,000 total),
 * at most 5 rows of at most 5 buttons, labels within 80, custom ids within 100 and unique, and never an
 * empty message.
 */
export function fitReply(reply: Reply): Reply {
  const fitted: Reply = {};
  if (reply.ephemeral !== undefined) fitted.ephemeral = reply.ephemeral;
  if (reply.content !== undefined) fitted.content = truncate(reply.content, LIMITS.content);
  if (reply.embeds) fitted.embeds = fitEmbeds(reply.embeds);
  if (reply.components) fitted.components = fitComponents(reply.components);
  // Discord refuses a message with neither text nor embeds ("Cannot send an empty message").
  if (!fitted.content?.trim() && !fitted.embeds?.length) fitted.content = BLANK;
  return fitted;
}

function fitComponents(rows: readonly ButtonRow[]): ButtonRow[] {
  const seen = new Set<string>();
  const fitted: ButtonRow[] = [];
  for (const row of rows) {
    const buttons: APIButtonComponent[] = [];
    for (const button of row.components.slice(0, LIMITS.buttonsPerRow)) {
      if ('custom_id' in button) {
        // An over-long or repeated custom_id fails the whole message: drop that button instead.
        if (button.custom_id.length > LIMITS.customId || seen.has(button.custom_id)) continue;
        seen.add(button.custom_id);
      }
      buttons.push(
        button.style === ButtonStyle.Premium || button.label === undefined
          ? button
          : { ...button, label: truncate(button.label, LIMITS.buttonLabel) },
      );
    }
    if (buttons.length > 0) fitted.push({ ...row, components: buttons });
    if (fitted.length === LIMITS.actionRows) break;
  }
  return fitted;
}

/**
 * Every way `reply` breaks one of Discord's limits, as readable strings (empty when it is fine).
 * Tests assert it is empty for everything the renderers produce; `respond` logs it if fitting ever fails.
 */
export function limitViolations(reply: Reply): string[] {
  const problems: string[] = [];
  const check = (what: string, text: string | undefined, max: number, min = 0): void => {
    if (text === undefined) return;
    const length = charLength(text);
    if (length > max) problems.push(`${what} is ${length} characters (max ${max})`);
    if (length < min) problems.push(`${what} is empty`);
  };
  check('content', reply.content, LIMITS.content);
  const embeds = reply.embeds ?? [];
  if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds (max ${LIMITS.embeds})`);
  embeds.forEach((embed, e) => {
    check(`embed ${e} title`, embed.title, LIMITS.embedTitle);
    check(`embed ${e} description`, embed.description, LIMITS.embedDescription, 1);
    check(`embed ${e} footer`, embed.footer?.text, LIMITS.footerText);
    check(`embed ${e} author`, embed.author?.name, LIMITS.authorName);
    const fields = embed.fields ?? [];
    if (fields.length > LIMITS.embedFields) problems.push(`embed ${e} has ${fields.length} fields`);
    fields.forEach((field, f) => {
      check(`embed ${e} field ${f} name`, field.name, LIMITS.fieldName, 1);
      check(`embed ${e} field ${f} value`, field.value, LIMITS.fieldValue, 1);
    });
  });
  const total = embedsTextLength(embeds);
  if (total > LIMITS.embedTotal) problems.push(`embeds total ${total} characters (max ${LIMITS.embedTotal})`);
  const rows = reply.components ?? [];
  if (rows.length > LIMITS.actionRows) problems.push(`${rows.length} action rows (max ${LIMITS.actionRows})`);
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    if (row.components.length > LIMITS.buttonsPerRow)
      problems.push(`row ${r} has ${row.components.length} buttons`);
    if (row.components.length === 0) problems.push(`row ${r} is empty`);
    for (const button of row.components) {
      if ('label' in button) check(`row ${r} button label`, button.label, LIMITS.buttonLabel, 1);
      if ('custom_id' in button) {
        if (button.custom_id.length > LIMITS.customId)
          problems.push(`custom_id "${button.custom_id}" too long`);
        if (ids.has(button.custom_id)) problems.push(`custom_id "${button.custom_id}" repeated`);
        ids.add(button.custom_id);
      }
    }
  });
  if (!reply.content?.length && embeds.length === 0) problems.push('message is empty');
  return problems;
}
