/**
 * Discord's payload limits, validated the way Discord does: everything is collected into a
 * `FormErrors` tree and answered as 400 / 50035 "Invalid Form Body". Lengths are counted in
 * characters (Unicode code points), not UTF-16 units: an emoji counts once.
 */
import { Locale } from 'discord.js';
import type { FieldPath, FormErrors } from './errors.js';
import { MessageFlag } from './constants.js';

export type Json = Record<string, unknown>;

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  commandsPerScope: 100,
  contextMenuCommandsPerScope: 5,
  commandTotalSize: 4000,
  stringOptionLength: 6000,
  modalTitle: 45,
  nonce: 25,
  allowedMentionIds: 100,
} as const;

export const AUTO_ARCHIVE_DURATIONS: ReadonlySet<number> = new Set([60, 1440, 4320, 10080]);

/** Discord's rule for command and option names (chat-input commands). */
export const COMMAND_NAME_PATTERN = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const LOCALES: ReadonlySet<string> = new Set(Object.values(Locale));

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Length in characters (code points). */
export function chars(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---------------------------------------------------------------- primitives

interface StringRule {
  min?: number;
  max: number;
  required?: boolean;
  /** Treat a whitespace-only string as missing (Discord trims embed field names and values). */
  trim?: boolean;
}

/** Checks a string field; returns its length in characters (0 when absent or invalid). */
export function checkString(errors: FormErrors, path: FieldPath, v: unknown, rule: StringRule): number {
  if (v === undefined || v === null) {
    if (rule.required) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return 0;
  }
  if (typeof v !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', `Could not interpret "${String(v)}" as string.`);
    return 0;
  }
  const n = chars(v);
  if (rule.required && (n === 0 || (rule.trim && v.trim() === ''))) {
    errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return n;
  }
  const min = rule.min ?? 0;
  if (n < min || n > rule.max) {
    if (min > 0)
      errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${rule.max} in length.`);
    else errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${rule.max} or fewer in length.`);
  }
  return n;
}

function checkArray(errors: FormErrors, path: FieldPath, v: unknown, max: number, min = 0): v is unknown[] {
  if (!Array.isArray(v)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return false;
  }
  if (v.length < min) {
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  } else if (v.length > max) {
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }
  return true;
}

function checkObject(errors: FormErrors, path: FieldPath, v: unknown): v is Json {
  if (!isObject(v)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return false;
  }
  return true;
}

function checkInt(errors: FormErrors, path: FieldPath, v: unknown, min: number, max: number): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    errors.add(path, 'NUMBER_TYPE_COERCE', `Value "${String(v)}" is not int.`);
  } else if (v < min) {
    errors.add(path, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
  } else if (v > max) {
    errors.add(path, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
  }
}

function checkBoolean(errors: FormErrors, path: FieldPath, v: unknown): void {
  if (v !== undefined && v !== null && typeof v !== 'boolean') {
    errors.add(path, 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
  }
}

/** http(s) URLs; `attachment://` too where Discord allows uploads to be referenced. */
export function checkUrl(
  errors: FormErrors,
  path: FieldPath,
  v: unknown,
  { required = false, attachment = false } = {},
): void {
  if (v === undefined || v === null) {
    if (required) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (typeof v !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', `Could not interpret "${String(v)}" as string.`);
    return;
  }
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    return;
  }
  const scheme = url.protocol.replace(/:$/, '');
  const allowed = attachment ? ['http', 'https', 'attachment'] : ['http', 'https'];
  if (!allowed.includes(scheme)) {
    errors.add(
      path,
      'URL_TYPE_INVALID_SCHEME',
      `Scheme "${scheme}" is not supported. Scheme must be one of (${allowed.map((s) => `'${s}'`).join(', ')}).`,
    );
  } else if (scheme !== 'attachment' && !url.hostname) {
    errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  }
}

// ---------------------------------------------------------------- embeds

/** Validates one embed; returns its text size (title, description, field names/values, footer, author name). */
export function validateEmbed(errors: FormErrors, path: FieldPath, embed: unknown): number {
  if (!checkObject(errors, path, embed)) return 0;
  let size = 0;
  size += checkString(errors, [...path, 'title'], embed.title, { max: LIMITS.embedTitle });
  size += checkString(errors, [...path, 'description'], embed.description, { max: LIMITS.embedDescription });
  checkUrl(errors, [...path, 'url'], embed.url);
  checkInt(errors, [...path, 'color'], embed.color, 0, 0xffffff);
  if (embed.timestamp !== undefined && embed.timestamp !== null) {
    if (typeof embed.timestamp !== 'string' || Number.isNaN(Date.parse(embed.timestamp))) {
      errors.add(
        [...path, 'timestamp'],
        'DATE_TIME_TYPE_PARSE',
        `Could not parse ${String(embed.timestamp)}.`,
      );
    }
  }
  if (
    embed.footer !== undefined &&
    embed.footer !== null &&
    checkObject(errors, [...path, 'footer'], embed.footer)
  ) {
    size += checkString(errors, [...path, 'footer', 'text'], embed.footer.text, {
      max: LIMITS.embedFooterText,
      required: true,
    });
    checkUrl(errors, [...path, 'footer', 'icon_url'], embed.footer.icon_url, { attachment: true });
  }
  if (
    embed.author !== undefined &&
    embed.author !== null &&
    checkObject(errors, [...path, 'author'], embed.author)
  ) {
    size += checkString(errors, [...path, 'author', 'name'], embed.author.name, {
      max: LIMITS.embedAuthorName,
      required: true,
    });
    checkUrl(errors, [...path, 'author', 'url'], embed.author.url);
    checkUrl(errors, [...path, 'author', 'icon_url'], embed.author.icon_url, { attachment: true });
  }
  for (const key of ['image', 'thumbnail'] as const) {
    const media = embed[key];
    if (media !== undefined && media !== null && checkObject(errors, [...path, key], media)) {
      checkUrl(errors, [...path, key, 'url'], media.url, { required: true, attachment: true });
    }
  }
  if (embed.fields !== undefined && embed.fields !== null) {
    if (checkArray(errors, [...path, 'fields'], embed.fields, LIMITS.embedFields)) {
      embed.fields.forEach((field, i) => {
        const fp = [...path, 'fields', i];
        if (!checkObject(errors, fp, field)) return;
        size += checkString(errors, [...fp, 'name'], field.name, {
          max: LIMITS.embedFieldName,
          required: true,
          trim: true,
        });
        size += checkString(errors, [...fp, 'value'], field.value, {
          max: LIMITS.embedFieldValue,
          required: true,
          trim: true,
        });
        checkBoolean(errors, [...fp, 'inline'], field.inline);
      });
    }
  }
  return size;
}

export function validateEmbeds(errors: FormErrors, path: FieldPath, embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!checkArray(errors, path, embeds, LIMITS.embeds)) return;
  let total = 0;
  embeds.forEach((embed, i) => {
    total += validateEmbed(errors, [...path, i], embed);
  });
  if (total > LIMITS.embedTotal) {
    errors.add(path, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
  }
}

/** Text size of embeds as Discord counts it toward the 6,000 limit. */
export function embedTextSize(embeds: readonly Json[]): number {
  let n = 0;
  const s = (v: unknown) => (typeof v === 'string' ? chars(v) : 0);
  for (const e of embeds) {
    n += s(e.title) + s(e.description);
    if (isObject(e.footer)) n += s(e.footer.text);
    if (isObject(e.author)) n += s(e.author.name);
    if (Array.isArray(e.fields)) for (const f of e.fields) if (isObject(f)) n += s(f.name) + s(f.value);
  }
  return n;
}

// ---------------------------------------------------------------- components

const SELECT_TYPES: ReadonlySet<number> = new Set([3, 5, 6, 7, 8]);

function checkCustomId(errors: FormErrors, path: FieldPath, v: unknown, seen: Set<string>): void {
  checkString(errors, path, v, { min: 1, max: LIMITS.customId, required: true });
  if (typeof v === 'string') {
    if (seen.has(v))
      errors.add(path, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id was already specified');
    seen.add(v);
  }
}

function validateButton(errors: FormErrors, path: FieldPath, b: Json, seen: Set<string>): void {
  const style = b.style;
  if (typeof style !== 'number' || !Number.isInteger(style) || style < 1 || style > 6) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
    return;
  }
  checkString(errors, [...path, 'label'], b.label, { max: LIMITS.buttonLabel });
  checkBoolean(errors, [...path, 'disabled'], b.disabled);
  if (style === 5) {
    checkUrl(errors, [...path, 'url'], b.url, { required: true });
    if (b.custom_id !== undefined && b.custom_id !== null) {
      errors.add(
        [...path, 'custom_id'],
        'BUTTON_COMPONENT_LINK_CUSTOM_ID',
        'A link button cannot have a custom id',
      );
    }
  } else if (style === 6) {
    if (typeof b.sku_id !== 'string')
      errors.add([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    checkCustomId(errors, [...path, 'custom_id'], b.custom_id, seen);
    if (b.url !== undefined && b.url !== null) {
      errors.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'A non-link button cannot have a url');
    }
  }
  if (style !== 6 && (b.label === undefined || b.label === null || b.label === '') && !isObject(b.emoji)) {
    errors.add(path, 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A button must have a label or an emoji');
  }
}

function validateSelect(errors: FormErrors, path: FieldPath, s: Json, seen: Set<string>): void {
  checkCustomId(errors, [...path, 'custom_id'], s.custom_id, seen);
  checkString(errors, [...path, 'placeholder'], s.placeholder, { max: LIMITS.selectPlaceholder });
  checkInt(errors, [...path, 'min_values'], s.min_values, 0, 25);
  checkInt(errors, [...path, 'max_values'], s.max_values, 1, 25);
  if (s.type === 3) {
    if (checkArray(errors, [...path, 'options'], s.options, LIMITS.selectOptions, 1)) {
      const values = new Set<string>();
      s.options.forEach((o, i) => {
        const op = [...path, 'options', i];
        if (!checkObject(errors, op, o)) return;
        checkString(errors, [...op, 'label'], o.label, {
          min: 1,
          max: LIMITS.selectOptionText,
          required: true,
        });
        checkString(errors, [...op, 'value'], o.value, {
          min: 1,
          max: LIMITS.selectOptionText,
          required: true,
        });
        checkString(errors, [...op, 'description'], o.description, { max: LIMITS.selectOptionText });
        if (typeof o.value === 'string') {
          if (values.has(o.value))
            errors.add(
              [...op, 'value'],
              'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
              'Option value is duplicated',
            );
          values.add(o.value);
        }
      });
    }
  }
}

/** Walks components v2 (flag 32768) loosely: custom ids (length, uniqueness) and buttons/selects anywhere. */
function validateComponentTreeV2(
  errors: FormErrors,
  path: FieldPath,
  node: unknown,
  seen: Set<string>,
): number {
  if (!isObject(node)) return 0;
  let count = 1;
  if (node.type === 2) validateButton(errors, path, node, seen);
  else if (typeof node.type === 'number' && SELECT_TYPES.has(node.type))
    validateSelect(errors, path, node, seen);
  for (const key of ['components', 'items'] as const) {
    const kids = node[key];
    if (Array.isArray(kids))
      kids.forEach((k, i) => (count += validateComponentTreeV2(errors, [...path, key, i], k, seen)));
  }
  if (isObject(node.accessory))
    count += validateComponentTreeV2(errors, [...path, 'accessory'], node.accessory, seen);
  return count;
}

export function validateComponents(
  errors: FormErrors,
  path: FieldPath,
  components: unknown,
  flags: number,
): void {
  if (components === undefined || components === null) return;
  const seen = new Set<string>();
  if ((flags & MessageFlag.IsComponentsV2) !== 0) {
    if (!checkArray(errors, path, components, 40)) return;
    let total = 0;
    components.forEach((c, i) => (total += validateComponentTreeV2(errors, [...path, i], c, seen)));
    if (total > 40) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 40 or fewer in length.');
    return;
  }
  if (!checkArray(errors, path, components, LIMITS.actionRows)) return;
  components.forEach((row, r) => {
    const rp = [...path, r];
    if (!checkObject(errors, rp, row)) return;
    if (row.type !== 1) {
      errors.add([...rp, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    if (!checkArray(errors, [...rp, 'components'], row.components, LIMITS.buttonsPerRow, 1)) return;
    const kids = row.components;
    const hasSelect = kids.some((k) => isObject(k) && typeof k.type === 'number' && SELECT_TYPES.has(k.type));
    if (hasSelect && kids.length > 1) {
      errors.add(
        [...rp, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    kids.forEach((c, i) => {
      const cp = [...rp, 'components', i];
      if (!checkObject(errors, cp, c)) return;
      if (c.type === 2) validateButton(errors, cp, c, seen);
      else if (typeof c.type === 'number' && SELECT_TYPES.has(c.type)) validateSelect(errors, cp, c, seen);
      else
        errors.add(
          [...cp, 'type'],
          'UNION_TYPE_CHOICES',
          'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).',
        );
    });
  });
}

// ---------------------------------------------------------------- messages

export function validateAllowedMentions(errors: FormErrors, path: FieldPath, am: unknown): void {
  if (am === undefined || am === null) return;
  if (!checkObject(errors, path, am)) return;
  const parse = am.parse;
  if (parse !== undefined && parse !== null) {
    if (checkArray(errors, [...path, 'parse'], parse, 3)) {
      parse.forEach((p, i) => {
        if (p !== 'users' && p !== 'roles' && p !== 'everyone') {
          errors.add(
            [...path, 'parse', i],
            'BASE_TYPE_CHOICES',
            "Value must be one of {'everyone', 'roles', 'users'}.",
          );
        }
      });
    }
  }
  for (const key of ['users', 'roles'] as const) {
    const ids = am[key];
    if (ids === undefined || ids === null) continue;
    if (!checkArray(errors, [...path, key], ids, LIMITS.allowedMentionIds)) continue;
    if (Array.isArray(parse) && parse.includes(key) && ids.length > 0) {
      errors.add(
        path,
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${key}"] and ${key}: [ids...] are mutually exclusive.`,
      );
    }
  }
  checkBoolean(errors, [...path, 'replied_user'], am.replied_user);
}

/**
 * Validates a message-like body (channel message, interaction response `data`, webhook/follow-up,
 * edit, forum post `message`). Only the fields present are checked; emptiness is checked separately
 * (it is a different error, 50006).
 */
export function validateMessageBody(errors: FormErrors, path: FieldPath, body: unknown): void {
  if (!checkObject(errors, path, body)) return;
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  checkInt(errors, [...path, 'flags'], body.flags, 0, 2 ** 31 - 1);
  checkString(errors, [...path, 'content'], body.content, { max: LIMITS.content });
  validateEmbeds(errors, [...path, 'embeds'], body.embeds);
  validateComponents(errors, [...path, 'components'], body.components, flags);
  validateAllowedMentions(errors, [...path, 'allowed_mentions'], body.allowed_mentions);
  checkBoolean(errors, [...path, 'tts'], body.tts);
  if (typeof body.nonce === 'string')
    checkString(errors, [...path, 'nonce'], body.nonce, { max: LIMITS.nonce });
  if ((flags & MessageFlag.IsComponentsV2) !== 0) {
    for (const key of ['content', 'embeds'] as const) {
      const v = body[key];
      if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)) {
        errors.add(
          [...path, key],
          'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
          `The '${key}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`,
        );
      }
    }
  }
}

/** Whether a (merged) message has nothing Discord would display: 50006 "Cannot send an empty message". */
export function isEmptyMessage(m: {
  content?: unknown;
  embeds?: unknown;
  components?: unknown;
  attachments?: unknown;
  sticker_ids?: unknown;
  poll?: unknown;
  flags?: unknown;
}): boolean {
  const nonEmptyArray = (v: unknown) => Array.isArray(v) && v.length > 0;
  if (typeof m.content === 'string' && m.content.trim() !== '') return false;
  if (nonEmptyArray(m.embeds) || nonEmptyArray(m.attachments) || nonEmptyArray(m.sticker_ids)) return false;
  if (m.poll !== undefined && m.poll !== null) return false;
  const flags = typeof m.flags === 'number' ? m.flags : 0;
  if ((flags & MessageFlag.IsComponentsV2) !== 0 && nonEmptyArray(m.components)) return false;
  return true;
}

// ---------------------------------------------------------------- autocomplete, modals, threads

export function validateAutocompleteResult(errors: FormErrors, path: FieldPath, data: unknown): void {
  if (!checkObject(errors, path, data)) return;
  if (!checkArray(errors, [...path, 'choices'], data.choices, LIMITS.autocompleteChoices)) return;
  data.choices.forEach((c, i) => validateChoice(errors, [...path, 'choices', i], c, 'any'));
}

function validateChoice(
  errors: FormErrors,
  path: FieldPath,
  c: unknown,
  valueType: 'string' | 'number' | 'any',
): void {
  if (!checkObject(errors, path, c)) return;
  checkString(errors, [...path, 'name'], c.name, { min: 1, max: LIMITS.choiceName, required: true });
  if (c.name_localizations !== undefined && c.name_localizations !== null) {
    validateLocalizations(errors, [...path, 'name_localizations'], c.name_localizations, (p, v) =>
      checkString(errors, p, v, { min: 1, max: LIMITS.choiceName, required: true }),
    );
  }
  const v = c.value;
  if (typeof v === 'string' && valueType !== 'number') {
    checkString(errors, [...path, 'value'], v, { max: LIMITS.choiceValue });
  } else if (typeof v === 'number' && valueType !== 'string') {
    if (!Number.isFinite(v))
      errors.add([...path, 'value'], 'NUMBER_TYPE_COERCE', `Value "${v}" is not a number.`);
  } else if (v === undefined || v === null) {
    errors.add([...path, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    errors.add(
      [...path, 'value'],
      valueType === 'number' ? 'NUMBER_TYPE_COERCE' : 'BASE_TYPE_STRING',
      `Could not interpret "${String(v)}" as ${valueType === 'number' ? 'number' : 'string'}.`,
    );
  }
}

export function validateModal(errors: FormErrors, path: FieldPath, data: unknown): void {
  if (!checkObject(errors, path, data)) return;
  checkString(errors, [...path, 'title'], data.title, { min: 1, max: LIMITS.modalTitle, required: true });
  checkString(errors, [...path, 'custom_id'], data.custom_id, {
    min: 1,
    max: LIMITS.customId,
    required: true,
  });
  checkArray(errors, [...path, 'components'], data.components, 5, 1);
}

export function validateThreadName(errors: FormErrors, path: FieldPath, name: unknown): void {
  checkString(errors, path, name, { min: 1, max: LIMITS.threadName, required: true });
}

export function validateAutoArchive(errors: FormErrors, path: FieldPath, v: unknown): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'number' || !AUTO_ARCHIVE_DURATIONS.has(v)) {
    errors.add(path, 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
  }
}

export function validateRateLimitPerUser(errors: FormErrors, path: FieldPath, v: unknown): void {
  checkInt(errors, path, v, 0, 21600);
}

// ---------------------------------------------------------------- application commands

function validateLocalizations(
  errors: FormErrors,
  path: FieldPath,
  v: unknown,
  checkValue: (path: FieldPath, value: unknown) => void,
): void {
  if (!checkObject(errors, path, v)) return;
  for (const [locale, value] of Object.entries(v)) {
    if (!LOCALES.has(locale)) {
      errors.add([...path, locale], 'LOCALE_INVALID', `Invalid locale "${locale}".`);
      continue;
    }
    if (value !== null) checkValue([...path, locale], value);
  }
}

function checkCommandName(errors: FormErrors, path: FieldPath, name: unknown, chatInput: boolean): number {
  const n = checkString(errors, path, name, { min: 1, max: LIMITS.commandName, required: true });
  if (typeof name !== 'string' || n === 0 || n > LIMITS.commandName) return n;
  if (chatInput && (!COMMAND_NAME_PATTERN.test(name) || name !== name.toLowerCase())) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  return n;
}

function checkDescription(errors: FormErrors, path: FieldPath, v: unknown): number {
  return checkString(errors, path, v, { min: 1, max: LIMITS.commandDescription, required: true });
}

const OPTION_TYPES: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
const CHOICE_TYPES: ReadonlySet<number> = new Set([3, 4, 10]);

/** Validates an option list at one level; returns the characters it contributes to the 4,000 total. */
function validateOptions(
  errors: FormErrors,
  path: FieldPath,
  options: unknown,
  level: 'command' | 'group' | 'subcommand',
): number {
  if (options === undefined || options === null) return 0;
  if (!checkArray(errors, path, options, LIMITS.commandOptions)) return 0;
  let size = 0;
  let sawOptional = false;
  const names = new Set<string>();
  const isSub = (o: unknown) => isObject(o) && (o.type === 1 || o.type === 2);
  const subs = options.filter(isSub).length;
  if (subs > 0 && subs < options.length) {
    errors.add(
      path,
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
  options.forEach((o, i) => {
    const op = [...path, i];
    if (!checkObject(errors, op, o)) return;
    const type = o.type;
    if (typeof type !== 'number' || !OPTION_TYPES.has(type)) {
      errors.add(
        [...op, 'type'],
        'BASE_TYPE_CHOICES',
        'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.',
      );
      return;
    }
    if (level === 'group' && type !== 1) {
      errors.add(
        [...op, 'type'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Sub-command groups may only contain sub-commands',
      );
    }
    if (level === 'subcommand' && (type === 1 || type === 2)) {
      errors.add(
        [...op, 'type'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Sub-commands cannot contain sub-commands or groups',
      );
    }
    size += checkCommandName(errors, [...op, 'name'], o.name, true);
    size += checkDescription(errors, [...op, 'description'], o.description);
    if (typeof o.name === 'string') {
      if (names.has(o.name))
        errors.add(
          [...op, 'name'],
          'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          'Command option name already exists',
        );
      names.add(o.name);
    }
    if (o.name_localizations) {
      validateLocalizations(errors, [...op, 'name_localizations'], o.name_localizations, (p, v) =>
        checkCommandName(errors, p, v, true),
      );
    }
    if (o.description_localizations) {
      validateLocalizations(
        errors,
        [...op, 'description_localizations'],
        o.description_localizations,
        (p, v) => checkDescription(errors, p, v),
      );
    }
    checkBoolean(errors, [...op, 'required'], o.required);
    if (type !== 1 && type !== 2) {
      if (o.required === true) {
        if (sawOptional) {
          errors.add(
            [...op, 'required'],
            'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
            'Required options must be placed before non-required options',
          );
        }
      } else {
        sawOptional = true;
      }
    }
    if (o.choices !== undefined && o.choices !== null) {
      if (!CHOICE_TYPES.has(type)) {
        errors.add(
          [...op, 'choices'],
          'APPLICATION_COMMAND_OPTION_CHOICES_NOT_ALLOWED',
          'Choices are not allowed for this option type',
        );
      } else if (checkArray(errors, [...op, 'choices'], o.choices, LIMITS.commandChoices)) {
        o.choices.forEach((c, ci) => {
          validateChoice(errors, [...op, 'choices', ci], c, type === 3 ? 'string' : 'number');
          if (isObject(c)) {
            if (typeof c.name === 'string') size += chars(c.name);
            if (typeof c.value === 'string') size += chars(c.value);
            if (type === 4 && typeof c.value === 'number' && !Number.isInteger(c.value)) {
              errors.add(
                [...op, 'choices', ci, 'value'],
                'NUMBER_TYPE_COERCE',
                `Value "${c.value}" is not int.`,
              );
            }
          }
        });
        if (o.autocomplete === true && o.choices.length > 0) {
          errors.add(
            [...op, 'autocomplete'],
            'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE',
            'Autocomplete and choices are mutually exclusive',
          );
        }
      }
    }
    if (o.autocomplete === true && !CHOICE_TYPES.has(type)) {
      errors.add(
        [...op, 'autocomplete'],
        'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_NOT_ALLOWED',
        'Autocomplete is not allowed for this option type',
      );
    }
    if (type === 3) {
      checkInt(errors, [...op, 'min_length'], o.min_length, 0, LIMITS.stringOptionLength);
      checkInt(errors, [...op, 'max_length'], o.max_length, 1, LIMITS.stringOptionLength);
    }
    if (
      (type === 4 || type === 10) &&
      typeof o.min_value === 'number' &&
      typeof o.max_value === 'number' &&
      o.min_value > o.max_value
    ) {
      errors.add(
        [...op, 'min_value'],
        'APPLICATION_COMMAND_OPTION_MIN_MAX_INVALID',
        'min_value must be less than or equal to max_value',
      );
    }
    if (type === 1) size += validateOptions(errors, [...op, 'options'], o.options, 'subcommand');
    if (type === 2) {
      if (!Array.isArray(o.options) || o.options.length === 0) {
        errors.add([...op, 'options'], 'BASE_TYPE_REQUIRED', 'This field is required');
      }
      size += validateOptions(errors, [...op, 'options'], o.options, 'group');
    }
  });
  return size;
}

/** Validates one command (POST/PATCH body or one element of a PUT). */
export function validateCommand(errors: FormErrors, path: FieldPath, cmd: unknown): void {
  if (!checkObject(errors, path, cmd)) return;
  const type = cmd.type ?? 1;
  if (type !== 1 && type !== 2 && type !== 3 && type !== 4) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
    return;
  }
  const chatInput = type === 1;
  let size = checkCommandName(errors, [...path, 'name'], cmd.name, chatInput);
  if (cmd.name_localizations) {
    validateLocalizations(errors, [...path, 'name_localizations'], cmd.name_localizations, (p, v) =>
      checkCommandName(errors, p, v, chatInput),
    );
  }
  if (chatInput) {
    size += checkDescription(errors, [...path, 'description'], cmd.description);
    if (cmd.description_localizations) {
      validateLocalizations(
        errors,
        [...path, 'description_localizations'],
        cmd.description_localizations,
        (p, v) => checkDescription(errors, p, v),
      );
    }
    size += validateOptions(errors, [...path, 'options'], cmd.options, 'command');
  } else {
    if (cmd.description !== undefined && cmd.description !== null && cmd.description !== '') {
      errors.add(
        [...path, 'description'],
        'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
        'Context menu commands cannot have a description',
      );
    }
    if (Array.isArray(cmd.options) && cmd.options.length > 0) {
      errors.add(
        [...path, 'options'],
        'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS',
        'Context menu commands cannot have options',
      );
    }
  }
  const dmp = cmd.default_member_permissions;
  if (dmp !== undefined && dmp !== null && (typeof dmp !== 'string' || !/^\d+$/.test(dmp))) {
    errors.add(
      [...path, 'default_member_permissions'],
      'BASE_TYPE_STRING',
      'Must be a permission bitfield string.',
    );
  }
  for (const key of ['contexts', 'integration_types'] as const) {
    const v = cmd[key];
    if (v === undefined || v === null) continue;
    const allowed = key === 'contexts' ? [0, 1, 2] : [0, 1];
    if (!Array.isArray(v) || v.some((x) => !allowed.includes(x as number))) {
      errors.add([...path, key], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
    }
  }
  if (size > LIMITS.commandTotalSize) {
    errors.add(
      path,
      'APPLICATION_COMMAND_TOO_LARGE',
      `Command exceeds maximum size (${LIMITS.commandTotalSize})`,
    );
  }
}

/** Validates a bulk overwrite (PUT): each command, unique names per type, and the per-scope counts. */
export function validateCommandList(errors: FormErrors, list: unknown): list is Json[] {
  if (!Array.isArray(list)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return false;
  }
  const seen = new Map<string, number>();
  const perType = new Map<number, number>();
  list.forEach((cmd, i) => {
    validateCommand(errors, [i], cmd);
    if (!isObject(cmd)) return;
    const type = typeof cmd.type === 'number' ? cmd.type : 1;
    perType.set(type, (perType.get(type) ?? 0) + 1);
    const key = `${type}:${String(cmd.name)}`;
    if (seen.has(key))
      errors.add(
        [i, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    seen.set(key, i);
  });
  if ((perType.get(1) ?? 0) > LIMITS.commandsPerScope) {
    errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.commandsPerScope} or fewer in length.`);
  }
  for (const t of [2, 3]) {
    if ((perType.get(t) ?? 0) > LIMITS.contextMenuCommandsPerScope) {
      errors.add(
        [],
        'BASE_TYPE_MAX_LENGTH',
        `Must be ${LIMITS.contextMenuCommandsPerScope} or fewer in length.`,
      );
    }
  }
  return true;
}
