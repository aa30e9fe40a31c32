/** Short ephemeral answers shared by the router and the commands. */
import type { UserError } from '../../errors.js';
import { escapeText } from './escape.js';
import { didYouMean } from './format.js';
import { notice, type Reply } from './reply.js';

/** The apology for an unexpected error; the id lets a moderator find the log line. */
export function apology(interactionId: string): Reply {
  return notice(
    `Sorry, something went wrong while answering that. If it keeps happening, give a moderator this reference: \`${interactionId}\`.`,
  );
}

/** The cooldown message, with a live relative timestamp for when to retry. */
export function cooldownNotice(command: string, waitMs: number, now = Date.now()): Reply {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return notice(
    `Easy there: you can use \`/${command}\` again <t:${Math.ceil((now + waitMs) / 1000)}:R> (in ${seconds} s).`,
  );
}

export function staleButton(): Reply {
  return notice(
    'This button is from an older answer that no longer works. Run the command again for fresh results.',
  );
}

export function unknownCommand(name: string): Reply {
  return notice(
    `I don't know \`/${name}\` any more. The command list may be updating; try again in a minute.`,
  );
}

/** A request the core refused (not a bug): its message as is, escaped, with its suggestions. */
export function userErrorNotice(err: UserError): Reply {
  const hint = err.suggestions.length > 0 ? ` ${didYouMean(err.suggestions, 5)}` : '';
  return notice(`${escapeText(err.message)}${hint}`);
}
