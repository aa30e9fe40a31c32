import { resolve } from 'node:path';
import { loadCorpus } from '../corpus/load.js';
import { formatCheckReport, formatProblems, summarise } from '../corpus/check.js';
import { UserError } from '../errors.js';
import { CorpusIndex } from '../search/corpus-index.js';
import { parseArguments, type ParsedArguments } from './arguments.js';
import { runConsole } from './console.js';
import { HELP } from './help.js';
import { runCommand } from './run-command.js';

async function main(argv: readonly string[]): Promise<number> {
  let args: ParsedArguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (error instanceof UserError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (args.help || args.command === 'help') {
    console.log(HELP);
    return 0;
  }
  const dir = resolve(args.corpus ?? (process.env.CORPUS_DIR || 'corpus'));
  const corpus = await loadCorpus(dir);

  if (args.command === 'check') {
    const report = summarise(corpus);
    console.log(
      args.json ? JSON.stringify({ corpus: dir, ...report }, null, 2) : formatCheckReport(dir, report),
    );
    return report.problems.length > 0 || report.documents === 0 ? 1 : 0;
  }

  if (corpus.problems.length > 0) {
    console.error(
      `Warning: ${corpus.problems.length} corpus file(s) could not be loaded:\n${formatProblems(corpus.problems)}`,
    );
  }
  const index = CorpusIndex.build(corpus);
  if (args.command === 'console') {
    await runConsole(index);
    return 0;
  }
  try {
    const output = runCommand(index, args);
    console.log(args.json ? JSON.stringify(output.json, null, 2) : output.text);
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (args.json) console.log(JSON.stringify({ error: error.message, suggestions: error.suggestions }));
    else
      console.error(
        error.suggestions.length > 0
          ? `${error.message}\nDid you mean: ${error.suggestions.join('; ')}?`
          : error.message,
      );
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`parley: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  },
);
