import type { z } from 'zod';
import { contrast } from '../analysis/contrast.js';
import { positions } from '../analysis/positions.js';
import { study } from '../analysis/study.js';
import { UserError } from '../errors.js';
import { DocumentRefSchema, LimitSchema, TopicSchema, firstIssue } from '../options.js';
import { renderContrastText, renderPositionsText, renderStudyText } from '../render/text/analysis.js';
import { renderDocumentsText } from '../render/text/documents.js';
import { renderQuoteText } from '../render/text/quote.js';
import { contrastJson, documentsJson, positionsJson, quoteResultJson, studyJson } from '../render/json.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { listDocuments } from '../search/documents.js';
import { quote, requireDocument } from '../search/quote.js';
import type { ParsedArguments } from './arguments.js';

export interface CommandOutput {
  text: string;
  json: unknown;
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UserError(firstIssue(parsed.error));
  return parsed.data;
}

function optionalNumber(value: string | undefined): number | undefined {
  return value === undefined ? undefined : validate(LimitSchema, value);
}

function offsetOf(value: string | undefined): number {
  if (value === undefined) return 0;
  const offset = Number(value);
  if (!Number.isInteger(offset) || offset < 0)
    throw new UserError('The offset must be a whole number, 0 or more.');
  return offset;
}

/** Runs one query command (everything but check, console and help) against the index. */
export function runCommand(index: CorpusIndex, args: ParsedArguments): CommandOutput {
  switch (args.command) {
    case 'quote': {
      const result = quote(index, {
        topic: validate(TopicSchema, args.subject),
        limit: optionalNumber(args.limit),
        offset: offsetOf(args.offset),
        ...(args.doc !== undefined ? { doc: validate(DocumentRefSchema, args.doc) } : {}),
        comments: args.comments,
      });
      return { text: renderQuoteText(result), json: quoteResultJson(result) };
    }
    case 'positions': {
      const result = positions(index, {
        topic: validate(TopicSchema, args.subject),
        limit: optionalNumber(args.limit),
      });
      return { text: renderPositionsText(result), json: positionsJson(result) };
    }
    case 'contrast': {
      const result = contrast(index, {
        topic: validate(TopicSchema, args.subject),
        limit: optionalNumber(args.limit),
      });
      return { text: renderContrastText(result), json: contrastJson(result) };
    }
    case 'study': {
      const ref = validate(DocumentRefSchema, args.subject);
      const guide = study(index, requireDocument(index, ref));
      if (!guide) throw new UserError(`No document matches "${ref}".`);
      return { text: renderStudyText(guide), json: studyJson(guide) };
    }
    case 'docs': {
      const result = listDocuments(index);
      return { text: renderDocumentsText(result), json: documentsJson(result) };
    }
    default:
      throw new UserError(`"${args.command}" is not a query command.`);
  }
}
