import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';

export const COMMANDS = [
  'quote',
  'positions',
  'contrast',
  'study',
  'docs',
  'check',
  'console',
  'help',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface ParsedArguments {
  command: CommandName;
  /** The positional words after the command, joined: the topic or document. */
  subject: string;
  limit: string | undefined;
  offset: string | undefined;
  doc: string | undefined;
  corpus: string | undefined;
  json: boolean;
  comments: boolean;
  help: boolean;
}

/** Splits a console line the way a shell would: spaces separate words, quotes group them. */
export function splitLine(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|“([^”]*)”|(\S+)/g;
  for (const m of line.matchAll(pattern)) words.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return words;
}

export function parseArguments(argv: readonly string[]): ParsedArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        limit: { type: 'string', short: 'n' },
        offset: { type: 'string' },
        doc: { type: 'string', short: 'd' },
        corpus: { type: 'string', short: 'c' },
        json: { type: 'boolean' },
        comments: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UserError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '.')} Run "parley help" for the options.`,
    );
  }
  const [first, ...rest] = parsed.positionals;
  const name = (first ?? 'console').replace(/^\//, '').toLowerCase();
  if (!(COMMANDS as readonly string[]).includes(name)) {
    throw new UserError(`Unknown command "${first}". Commands: ${COMMANDS.join(', ')}.`);
  }
  const { values } = parsed;
  return {
    command: name as CommandName,
    subject: rest.join(' '),
    limit: values.limit,
    offset: values.offset,
    doc: values.doc,
    corpus: values.corpus,
    json: values.json ?? false,
    comments: values.comments ?? false,
    help: values.help ?? false,
  };
}
