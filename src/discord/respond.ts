/**
 * The single exit path: every interaction reply, deferral, edit, follow-up, update and autocomplete answer,
 * and every message the bot posts in a channel, leaves through here. So no command can forget to switch
 * mentions off or to respect Discord's limits.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type BaseMessageOptions,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { LIMITS } from '../render/discord/limits.js';
import { fitReply, limitViolations, type Reply } from '../render/discord/reply.js';
import { truncate } from '../render/discord/truncate.js';
import type { Choice } from './command.js';

/** Ping no one, ever. Also set as the client default (src/discord/client.ts). */
export const NO_MENTIONS: MessageMentionOptions = Object.freeze({ parse: [] });

type Payload = BaseMessageOptions & { allowedMentions: MessageMentionOptions };

/** A fitted reply as discord.js message options, mentions off. `clear` empties what an edit would keep. */
function payload(reply: Reply, clear: boolean, log?: Logger): Payload {
  const fitted = fitReply(reply);
  const problems = limitViolations(fitted);
  if (problems.length > 0) log?.warn({ problems }, 'reply still over a limit after fitting');
  const out: Payload = { allowedMentions: NO_MENTIONS };
  if (fitted.content !== undefined && fitted.content !== '') out.content = fitted.content;
  else if (clear) out.content = '';
  if (fitted.embeds?.length || clear) out.embeds = fitted.embeds ?? [];
  if (fitted.components?.length || clear) out.components = fitted.components ?? [];
  return out;
}

/** Options for a message the bot posts itself (the study guide in a thread or forum post). */
export function channelMessage(reply: Reply, log?: Logger): Payload {
  return payload(reply, false, log);
}

export interface RespondOptions {
  /** For a button: edit the message it is on instead of answering with a new one. */
  update?: boolean;
  log?: Logger;
}

/**
 * Answer an interaction with `reply`, whatever state it is in: a first reply (ephemeral when asked), the
 * edit of a deferred reply (its visibility was fixed by the deferral; a private reply after a public deferral
 * replaces it with an ephemeral follow-up), a follow-up after an answer, or the update of a button's message.
 */
export async function respond(
  interaction: RepliableInteraction,
  reply: Reply,
  options: RespondOptions = {},
): Promise<void> {
  const flags = reply.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (options.update && interaction.isMessageComponent() && !interaction.deferred && !interaction.replied) {
    await interaction.update(payload(reply, true, options.log));
  } else if (interaction.deferred && !interaction.replied) {
    if (reply.ephemeral && interaction.ephemeral === false) {
      // A public deferral fixed the answer's visibility, but this one is private (an apology, a refusal):
      // remove the public "thinking" message, then answer with an ephemeral follow-up. (A first follow-up
      // while the deferred message still exists would replace it and stay public.)
      await interaction.deleteReply();
      await interaction.followUp({ ...payload(reply, false, options.log), flags });
    } else {
      await interaction.editReply(payload(reply, true, options.log));
    }
  } else if (interaction.deferred || interaction.replied) {
    await interaction.followUp({ ...payload(reply, false, options.log), flags });
  } else {
    await interaction.reply({ ...payload(reply, false, options.log), flags });
  }
}

/** Acknowledge now, answer later (up to 15 minutes). The visibility chosen here holds for the answer. */
export async function defer(interaction: RepliableInteraction, ephemeral: boolean): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
}

/**
 * Answer an autocomplete: at most 25 choices, names 1–100 characters (whitespace collapsed), string values
 * within 100, no repeated value. An empty list is a valid answer.
 */
export async function respondChoices(
  interaction: AutocompleteInteraction,
  choices: readonly Choice[],
): Promise<void> {
  await interaction.respond(fitChoices(choices));
}

export function fitChoices(choices: readonly Choice[]): Choice[] {
  const seen = new Set<string>();
  const fitted: Choice[] = [];
  for (const choice of choices) {
    const name = truncate(choice.name.replace(/\s+/gu, ' ').trim(), LIMITS.choiceName);
    const value = truncate(choice.value.trim(), LIMITS.choiceValue, { ellipsis: '', atWord: false });
    if (!name || !value || seen.has(value)) continue;
    seen.add(value);
    fitted.push({ name, value });
    if (fitted.length === LIMITS.autocompleteChoices) break;
  }
  return fitted;
}
