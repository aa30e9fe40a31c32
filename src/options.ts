import { z } from 'zod';
import { MAX_LIMIT } from './search/quote.js';

/** Longest topic accepted: a topic is a few words, and Discord's own option is capped to match. */
export const MAX_TOPIC_LENGTH = 200;

// Control characters in a topic are paste accidents, never meaning.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A topic as typed by a person: trimmed, control characters removed, whitespace collapsed, not empty, not huge. */
export const TopicSchema = z
  .string()
  .transform((text) => text.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, { message: 'Give a topic to look up, e.g. "security guarantees".' })
      .max(MAX_TOPIC_LENGTH, {
        message: `That topic is too long: keep it under ${MAX_TOPIC_LENGTH} characters.`,
      }),
  );

export const LimitSchema = z.coerce
  .number({ message: `The limit must be a number from 1 to ${MAX_LIMIT}.` })
  .int({ message: `The limit must be a whole number from 1 to ${MAX_LIMIT}.` })
  .min(1, { message: `The limit must be at least 1.` })
  .max(MAX_LIMIT, { message: `The limit can be at most ${MAX_LIMIT}.` });

export const DocumentRefSchema = z
  .string()
  .transform((text) => text.replace(CONTROL_CHARACTERS, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, { message: 'Name a document (its id or title); `docs` lists them.' })
      .max(MAX_TOPIC_LENGTH),
  );

/** The first validation message, for showing to a person. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Invalid input.';
}
