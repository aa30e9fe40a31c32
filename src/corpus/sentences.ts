/**
 * Sentence splitter for English prose. Returns offsets into the given text, trimmed, so each sentence is
 * a verbatim slice. It never splits at dashes, colons or semicolons, only after `.`, `?`, `!` or an
 * ellipsis followed by white space, and then only when the next word can start a sentence.
 */

export interface SentenceSpan {
  start: number;
  end: number;
}

/** Characters that close a sentence after its terminator and stay with it: `."`, `.”`, `?’`, `.)`, `.**`. */
const CLOSERS = new Set([...'"\'”’»›)]}*_'].map((c) => c.charCodeAt(0)));
/** Characters that may open the next sentence before its first letter: `“Why`, `(The`, `*Note`. */
const OPENERS = new Set([...'"\'“‘«‹([{*_¿¡'].map((c) => c.charCodeAt(0)));

/** Abbreviations that never end a sentence (titles before a name, Latin connectives). Lower case, no final dot. */
const NEVER_END = new Set([
  'mr',
  'mrs',
  'ms',
  'mssrs',
  'messrs',
  'dr',
  'prof',
  'st',
  'gen',
  'lt',
  'col',
  'capt',
  'cpt',
  'sgt',
  'maj',
  'adm',
  'cmdr',
  'gov',
  'sen',
  'rep',
  'rev',
  'hon',
  'pres',
  'supt',
  'mt',
  'mme',
  'mlle',
  'e.g',
  'i.e',
  'eg',
  'cf',
  'vs',
  'viz',
  'approx',
  'ca',
  'esp',
  'incl',
  'resp',
]);

/** Abbreviations that do not end a sentence when a number follows: `No. 5`, `Jan. 20`, `pp. 12`. */
const BEFORE_NUMBER = new Set([
  'no',
  'nos',
  'nr',
  'vol',
  'vols',
  'pp',
  'p',
  'ch',
  'fig',
  'figs',
  'art',
  'sec',
  'para',
  'op',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/** Abbreviations that end a sentence only when a typical sentence opener follows: `Smith Jr. The`, `et al. In`. */
const MAYBE_END = new Set(['jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'bros', 'al', 'esq', 'llc', 'plc']);

/**
 * Words that commonly open an English sentence. After an ambiguous abbreviation (`U.S.`, an initial
 * `F.`), a capitalised word from this list starts a new sentence; any other capitalised word (a name,
 * `President`, `Navy`) continues the current one: `the U.S. President` vs `in the U.S. The next day`.
 */
const SENTENCE_OPENERS = new Set(
  (
    'The A An This That These Those It Its He She They We I You His Her Their Our My Your Them Him Us ' +
    'But And Or So Yet Nor For In On At By To From With Without Of As If When While Where After Before ' +
    'Since Because Although Though However Meanwhile Moreover Furthermore Nevertheless Nonetheless Still ' +
    'Even Such No Not Then Now There Here What Why How Who Whom Which Whose Some Many Most All Both Each ' +
    'Every Any One Another Other Others Few Much More Less Only Also Instead Indeed Thus Hence Therefore ' +
    'Yes Finally Today Yesterday Tomorrow Later Earlier Last Next First Second Third Do Does Did Is Are ' +
    'Was Were Will Would Can Could Should Must Might Shall Let Consider Perhaps Maybe Despite Under Over ' +
    'Among During Unlike Like Once Until Unless Whether Either Neither Nothing Nobody None Everyone ' +
    'Everything Someone Something Anyone Anything Nor Similarly Likewise Otherwise Rather Again Already ' +
    'Clearly Obviously Of Worse Better Above Below Against Through Throughout Within Upon'
  ).split(' '),
);

const LOWER = /\p{Ll}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;
const WORD_AT = /[\p{L}\p{N}’'-]*/uy;
/** `U.S`, `e.g`, `a.m`, `Ph.D` (the token before the final dot). */
const ACRONYM = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
/** A single capital letter: an initial, as in `John F. Kennedy`. */
const INITIAL = /^\p{Lu}$/u;
/** A footnote marker glued to the terminator: `end.[12] Next`. */
const FOOTNOTE = /\[\d{1,3}\]/y;

const DOT = 0x2e;
const ELLIPSIS = 0x2026;

const NEXT_TERMINATOR = /[.!?…。！？]/g;

/** Sentence terminators: `.`, `!`, `?`, `…`, and full-width CJK ones, which need no following space. */
function isTerminator(c: number): boolean {
  return c === DOT || c === 0x21 || c === 0x3f || c === ELLIPSIS || isCjkTerminator(c);
}
function isCjkTerminator(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

/** Same set as `/\s/u`, without a regular expression (this runs for every candidate boundary). */
function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function testAt(re: RegExp, text: string, i: number): boolean {
  return re.test(String.fromCodePoint(text.codePointAt(i)!));
}

function isLetterOrDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return testAt(LETTER_OR_DIGIT, text, i);
}

function isLowerAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 97 && c <= 122;
  return testAt(LOWER, text, i);
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 48 && c <= 57;
  return testAt(DIGIT, text, i);
}

/** The letters, digits and inner dots immediately before `index` (exclusive), e.g. `U.S` before `U.S.`. */
function tokenBefore(text: string, index: number): string {
  let i = index;
  while (i > 0 && (text.charCodeAt(i - 1) === DOT || isLetterOrDigitAt(text, i - 1))) i--;
  // A leading dot belongs to a previous ellipsis or terminator, not to the token.
  while (i < index && text.charCodeAt(i) === DOT) i++;
  return text.slice(i, index);
}

/** Index of the first significant character after `from` (past white space and openers), or -1. */
function nextWordStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  while (i < text.length && OPENERS.has(text.charCodeAt(i))) i++;
  return i < text.length ? i : -1;
}

/**
 * Decides whether the terminator run `text[runStart, runEnd)`, whose closers end at `after`, ends a
 * sentence. `strong` when the run has `?` or `!`; `ellipsis` when it has `…` or several dots.
 */
function endsSentence(
  text: string,
  runStart: number,
  strong: boolean,
  ellipsis: boolean,
  after: number,
): boolean {
  const next = nextWordStart(text, after);
  if (next === -1) return true;
  const lower = isLowerAt(text, next);
  if (strong || ellipsis) return !lower;
  // A single period.
  if (lower) return false;
  const token = tokenBefore(text, runStart);
  if (token === '') return true;
  const key = token.toLowerCase();
  if (NEVER_END.has(key)) return false;
  if (BEFORE_NUMBER.has(key) && isDigitAt(text, next)) return false;
  if (ACRONYM.test(token) || INITIAL.test(token) || MAYBE_END.has(key)) {
    WORD_AT.lastIndex = next;
    return SENTENCE_OPENERS.has(WORD_AT.exec(text)?.[0] ?? '');
  }
  return true;
}

/**
 * Splits `text` into sentences. Offsets are UTF-16 indexes into `text`; every span is trimmed of white
 * space and holds at least one letter or digit (stray punctuation between sentences is dropped).
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const n = text.length;
  let sentenceStart = 0;

  const push = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
    // Only keep spans with a letter or digit; scanning stops at the first one found.
    for (let i = s; i < e; i++) {
      if (isLetterOrDigitAt(text, i)) {
        spans.push({ start: s, end: e });
        return;
      }
    }
  };

  let i = 0;
  while (i < n) {
    // Jump to the next terminator (native search, much faster than a loop over every character).
    NEXT_TERMINATOR.lastIndex = i;
    if (NEXT_TERMINATOR.exec(text) === null) break;
    i = NEXT_TERMINATOR.lastIndex - 1;
    const runStart = i;
    let strong = false;
    let dots = 0;
    let ellipsis = false;
    let cjk = true;
    while (i < n && isTerminator(text.charCodeAt(i))) {
      const t = text.charCodeAt(i);
      if (t === 0x21 || t === 0x3f) strong = true;
      else if (t === DOT) dots++;
      else if (t === ELLIPSIS) ellipsis = true;
      if (!isCjkTerminator(t)) cjk = false;
      i++;
    }
    if (dots > 1) ellipsis = true;
    let after = i;
    while (after < n && CLOSERS.has(text.charCodeAt(after))) after++;
    if (after < n && text.charCodeAt(after) === 0x5b) {
      FOOTNOTE.lastIndex = after;
      if (FOOTNOTE.test(text)) after = FOOTNOTE.lastIndex;
    }

    if (cjk) {
      push(sentenceStart, after);
      sentenceStart = after;
    } else if (
      // Mid-word or mid-number dots (`3.5`, `U.S.-led`, `example.com`) and `."—` are never boundaries.
      (after >= n || isSpaceCode(text.charCodeAt(after))) &&
      endsSentence(text, runStart, strong, ellipsis, after)
    ) {
      push(sentenceStart, after);
      sentenceStart = after;
    }
    i = Math.max(i, after);
  }
  push(sentenceStart, n);
  return spans;
}
