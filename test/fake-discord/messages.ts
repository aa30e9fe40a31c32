/**
 * Building and editing stored messages the way Discord materialises a (validated) request body.
 */
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import { MessageFlag } from './constants.js';
import { isObject, type Json } from './limits.js';
import { snowflake } from './snowflake.js';
import {
  computePings,
  noPings,
  type FakeMessage,
  type FakeUser,
  type MessageMeta,
  type World,
} from './state.js';

export interface UploadedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

/** Message flags a sender may set; the rest are Discord's to manage. */
const SETTABLE_FLAGS =
  MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.IsComponentsV2;

/** Recursively drops `null`/`undefined` members, as Discord does when it stores a payload. */
export function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => clean(x) as unknown) as T;
  if (isObject(v)) {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) out[k] = clean(x);
    return out as T;
  }
  return v;
}

export function normaliseEmbeds(embeds: unknown): APIEmbed[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.filter(isObject).map((e) => {
    const out = clean(e);
    out.type = 'rich';
    if (Array.isArray(out.fields)) {
      out.fields = out.fields.map((f) => (isObject(f) ? { ...f, inline: f.inline === true } : f));
    }
    return out as unknown as APIEmbed;
  });
}

export function normaliseComponents(components: unknown): APIMessageTopLevelComponent[] {
  if (!Array.isArray(components)) return [];
  let nextId = 1;
  const number = (node: unknown): unknown => {
    if (!isObject(node)) return node;
    const out: Json = { ...node };
    if (typeof out.id !== 'number') out.id = nextId;
    nextId++;
    if (Array.isArray(out.components)) out.components = out.components.map(number);
    return out;
  };
  return clean(components).map(number) as APIMessageTopLevelComponent[];
}

function attachmentsFor(files: readonly UploadedFile[], channelId: string): Json[] {
  return files.map((f) => {
    const id = snowflake();
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(f.name)}`;
    return { id, filename: f.name, size: f.size, url, proxy_url: url, content_type: f.contentType };
  });
}

export interface NewMessage {
  channelId: string;
  guildId?: string;
  body: Json;
  author: FakeUser;
  /** Discord message type: 0 default, 19 reply, 20 chat-input command response. */
  type: number;
  source: MessageMeta['source'];
  ephemeral: boolean;
  loading?: boolean;
  interactionId?: string;
  interactionMetadata?: Json;
  applicationId?: string;
  files?: readonly UploadedFile[];
  id?: string;
}

export function buildMessage(world: World, m: NewMessage): FakeMessage {
  const body = m.body;
  const bodyFlags = typeof body.flags === 'number' ? body.flags : 0;
  let flags = bodyFlags & SETTABLE_FLAGS;
  if (m.ephemeral) flags |= MessageFlag.Ephemeral;
  if (m.loading) flags |= MessageFlag.Loading;
  const allowedMentions = isObject(body.allowed_mentions) ? clean(body.allowed_mentions) : undefined;
  const pings = m.loading ? noPings() : computePings(body.content, allowedMentions);
  const message: FakeMessage = {
    id: m.id ?? snowflake(),
    channel_id: m.channelId,
    ...(m.guildId ? { guild_id: m.guildId } : {}),
    author: world.apiUser(m.author),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: pings.everyone,
    mentions: pings.users
      .map((id) => world.users.get(id))
      .filter((u): u is FakeUser => !!u)
      .map((u) => world.apiUser(u)),
    mention_roles: [...pings.roles],
    attachments: attachmentsFor(m.files ?? [], m.channelId),
    embeds: normaliseEmbeds(body.embeds),
    components: normaliseComponents(body.components),
    pinned: false,
    type: m.type,
    flags,
    ...(m.applicationId ? { application_id: m.applicationId, webhook_id: m.applicationId } : {}),
    ...(m.interactionMetadata ? { interaction_metadata: m.interactionMetadata } : {}),
    ...(isObject(body.message_reference)
      ? {
          message_reference: {
            type: 0,
            message_id: body.message_reference.message_id,
            channel_id: m.channelId,
            ...(m.guildId ? { guild_id: m.guildId } : {}),
          },
        }
      : {}),
    meta: {
      ephemeral: m.ephemeral,
      loading: m.loading ?? false,
      deleted: false,
      ...(m.interactionId ? { interactionId: m.interactionId } : {}),
      allowedMentions,
      pings,
      history: [],
      source: m.source,
      files: (m.files ?? []).map((f) => f.name),
    },
  };
  return message;
}

/** What the message would look like after applying an edit body (for the emptiness check). */
export function previewEdit(msg: FakeMessage, body: Json): Json {
  const pick = (key: string, current: unknown) =>
    key in body && body[key] !== undefined ? body[key] : current;
  return {
    content: pick('content', msg.content),
    embeds: pick('embeds', msg.embeds),
    components: pick('components', msg.components),
    attachments: pick('attachments', msg.attachments),
    flags: msg.flags,
  };
}

/**
 * Applies an edit (PATCH semantics: absent keys are kept, `null` clears). Only SUPPRESS_EMBEDS can
 * be toggled through `flags`; the ephemeral flag of an existing message never changes.
 */
export function applyEdit(msg: FakeMessage, body: Json, files: readonly UploadedFile[] = []): void {
  const { meta, ...snapshot } = msg;
  meta.history.push(
    JSON.parse(JSON.stringify({ ...snapshot, meta: { ...meta, history: [] } })) as FakeMessage,
  );
  const has = (k: string) => k in body && body[k] !== undefined;
  if (has('content')) msg.content = typeof body.content === 'string' ? body.content : '';
  if (has('embeds')) msg.embeds = normaliseEmbeds(body.embeds);
  if (has('components')) msg.components = normaliseComponents(body.components);
  if (has('allowed_mentions')) {
    msg.meta.allowedMentions = isObject(body.allowed_mentions) ? clean(body.allowed_mentions) : undefined;
  }
  if (has('attachments') || files.length > 0) {
    const kept = Array.isArray(body.attachments)
      ? msg.attachments.filter((a) =>
          (body.attachments as unknown[]).some((b) => isObject(b) && b.id === a.id),
        )
      : msg.attachments;
    msg.attachments = [...kept, ...attachmentsFor(files, msg.channel_id)];
    msg.meta.files.push(...files.map((f) => f.name));
  }
  if (has('flags') && typeof body.flags === 'number') {
    msg.flags = (msg.flags & ~MessageFlag.SuppressEmbeds) | (body.flags & MessageFlag.SuppressEmbeds);
  }
  if (msg.meta.loading) {
    msg.meta.loading = false;
    msg.flags &= ~MessageFlag.Loading;
  } else {
    msg.edited_timestamp = new Date().toISOString();
  }
}
