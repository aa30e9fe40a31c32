import { createInterface } from 'node:readline';
import { UserError } from '../errors.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { parseArguments, splitLine } from './arguments.js';
import { CONSOLE_HELP } from './help.js';
import { runCommand } from './run-command.js';

/** Answers one console line as the bot would; returns null when the person wants to leave. */
export function answerLine(index: CorpusIndex, line: string): string | null {
  const words = splitLine(line.trim());
  if (words.length === 0) return '';
  const command = words[0]!.replace(/^\//, '').toLowerCase();
  if (command === 'exit' || command === 'quit') return null;
  if (command === 'help' || command === '?') return CONSOLE_HELP;
  try {
    const args = parseArguments(words);
    if (args.command === 'console' || args.command === 'check')
      return `"${args.command}" is not available inside the console.`;
    const output = runCommand(index, args);
    return args.json ? JSON.stringify(output.json, null, 2) : output.text;
  } catch (error) {
    if (error instanceof UserError) {
      return error.suggestions.length > 0
        ? `${error.message}\nDid you mean: ${error.suggestions.join('; ')}?`
        : error.message;
    }
    return `Something went wrong: ${(error as Error).message}`;
  }
}

/** The interactive console: type `/quote security guarantees` and see what the bot would post. */
export async function runConsole(
  index: CorpusIndex,
  input = process.stdin,
  output = process.stdout,
): Promise<void> {
  const interactive = Boolean((input as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input, output, terminal: interactive });
  if (interactive) {
    output.write(
      `Parley console: ${index.corpus.documents.length} documents, ${index.sentenceCount} passages.\n${CONSOLE_HELP}\n`,
    );
    rl.setPrompt('parley> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const answer = answerLine(index, line);
    if (answer === null) break;
    if (answer) output.write(`${answer}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
