export const HELP = `Parley: quotes, positions and disagreements from a reading group's corpus.

Usage: npm run parley -- <command> [arguments] [options]
       npm run parley                      (interactive console: type /quote security guarantees)

Commands
  quote <topic>       Verbatim quotes on a topic, each cited (document, author, section, paragraph)
  positions <topic>   Each author's position on a topic, with the quotes behind it
  contrast <topic>    Where the authors disagree on a topic, side by side
  study <document>    A study guide for a document: its argument, key quotes, discussion questions
  docs                The reading list
  check               Validate the corpus folder; exits 1 when a file has problems
  console             The interactive console (the default)
  help                This text

Options
  -n, --limit N       How many results (1–25; default 5 quotes, 3 per author for positions)
      --offset N      Skip the first N quotes (paging)
  -d, --doc DOC       Search one document only (id or title; typos are fine)
  -c, --corpus DIR    Corpus folder (default: corpus/, or CORPUS_DIR)
      --comments      Include reader comments, labelled as comments
      --json          Print one JSON document on stdout instead of text
  -h, --help          This text`;

export const CONSOLE_HELP = `Type a command as you would in Discord, e.g.
  /quote security guarantees --limit 3
  /positions ceasefire
  /contrast negotiations
  /study only weapons
  /docs
/help shows this, /exit leaves.`;
