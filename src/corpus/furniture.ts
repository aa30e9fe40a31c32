/**
 * Recognises scraped site furniture: the boilerplate a web page wraps around an article (newsletter and
 * membership prompts, "Members are reading" teasers, "IN FOCUS:" cross-links, datelines, separators,
 * share/print/advertisement labels, bylines, captions). The rules are general patterns over the shape
 * and vocabulary of a paragraph, not a list of known strings, so the next scraped article works too.
 *
 * Every rule only looks at short paragraphs: furniture is never a long stretch of prose.
 */

export interface FurnitureContext {
  /** True while no author, quotation or comment paragraph has been seen yet (datelines and bylines lead). */
  atStart: boolean;
}

/** Longest paragraph (in characters) any rule considers. */
const MAX_CHARS = 600;

function words(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w !== '');
}

/** Only punctuation used as a separator: `—`, `-`, `–`, `***`, `* * *`, `___`, `⁂`, `•`. */
const SEPARATOR = /^[\p{Pd}*_=~•·.…#⁂§|\s]+$/u;

/** Publisher- and reader-facing words: a short paragraph made only of these is a label (`Share this article`). */
const LABEL_WORDS = new Set(
  (
    'read more continue continues continued reading below above share shares this article story post page ' +
    'advertisement advertisements advertising ad ads sponsored content promoted partner related articles stories ' +
    'posts subscribe subscribers subscription subscriptions sign up in log login logout register now today free ' +
    'click here tap comments comment reply replies print email e-mail mail follow us on facebook twitter x ' +
    'instagram linkedin telegram whatsapp youtube tiktok threads bluesky mastodon reddit back to top skip photo ' +
    'photos video videos image images gallery credit credits getty reuters ap afp epa min mins minute minutes ' +
    'listen watch newsletter newsletters the a an our your you may also like most popular trending recommended ' +
    'all rights reserved copyright © and of for with link links copy copied save saved bookmark gift support ' +
    'donate become member members membership join get access unlock premium upgrade next previous prev up ' +
    "latest view full audio podcast download app tweet pin pinterest embed embedded editor’s editor's pick picks " +
    'see by via source sources tags tag topics filed under menu home search close open toggle navigation ' +
    'cookie cookies accept privacy policy terms use'
  ).split(/\s+/u),
);
/** Words too common to make a paragraph furniture on their own. */
const FUNCTION_WORDS = new Set(
  'the a an this that our your you us on in to of for with and or all up now here more may also like is are it at by from be see'.split(
    ' ',
  ),
);

/**
 * Labels of teasers, cross-links and credits, recognised by their last word: `Members are reading:`,
 * `Related:`, `Photo:`, `Read more:`, `See also:` (but not `Read the statement carefully:`).
 */
const TEASER_LABEL =
  /(?:^|\s)(?:read|reading|reads|related|recommended|popular|trending|in focus|sponsored|promoted|advertisement|photo|photos|image|images|credit|credits|caption|via|tags?|topics?|filed under|exclusive|breaking|correction|disclosure|podcast|video)$/iu;
/** Label words that are common in prose too (`What comes next:`): only labels of one or two words. */
const SHORT_TEASER_LABEL =
  /^(?:\S+\s)?(?:more|also|next|previous|note|pick|picks|source|sources|updated|published|posted|share|live|opinion|analysis|stories|story|coverage|watch|listen)$/iu;
const PROSE_LABEL_START =
  /^(?:the|a|an|my|his|her|their|its|this|that|these|those|what|why|how|who|where|when|which)\s/iu;

/** An imperative call to action at the start of a paragraph. */
const CTA_START =
  /^(?:subscribe|sign[ -]?up|sign in|log ?in|join (?:us|our|now|today|\d|the (?:conversation|discussion|community|newsletter))|support (?:us|our|independent|this|quality)|donate|become an? (?:member|subscriber|patron|supporter|insider)|get (?:full|unlimited|our|access|exclusive|\d+ free|free access|the (?:newsletter|app|latest))|unlock|register|upgrade|try \S+ (?:free|for)|start (?:your|a) free|click|tap|download (?:our|the)|follow us|enter your e-?mail|don[’']?t miss|never miss|want more|want to (?:read|support|keep)|like what you(?:[’']ve)? (?:read|see|hear)|enjoy(?:ed|ing)? (?:this|reading)|already an? (?:member|subscriber)|create (?:a free |an )?account|thanks? (?:you )?for (?:reading|subscribing|your support|listening|being)|you(?:[’']ve| have) (?:read|reached)|this (?:article|story|content) is (?:for|available|free))/iu;
/** What a call to action is about: the site, its newsletter, membership, access. */
const SITE_WORDS =
  /\b(?:newsletter|newsletters|inbox|e-?mail|subscri\w*|member\w*|premium|paywall|free|trial|account|our|us|this (?:article|story|post|page|site)|sources?|unlock|access|podcast|app|updates|today|now|reading|support|journalism|readers|community)\b/iu;
/** A publisher speaking to its reader about its own work: `We believe you deserve to verify everything we write.` */
const PUBLISHER_WORK =
  /\b(?:every(?:thing| word| story)? we (?:write|publish|report)|we (?:write|publish)\b|our (?:journalism|reporting|newsroom|writers|editors|readers|articles|stories|coverage|newsletter|work|mission|sources|site|website|podcast|members|subscribers)|document(?:s|ed)? every source|sources? used in|independent journalism|reader[- ]supported|support (?:us|our)|subscri\w+|memberships?|members only|paywall|donat\w+|ad-free|inbox|this (?:article|story|newsletter|post))\b/iu;
const FIRST_PLURAL = /\b(?:we|our|us|we[’']re|we[’']ve)\b/iu;
const SECOND_PERSON = /\b(?:you|your|you[’']re|you[’']ll|you[’']ve)\b/iu;

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?';
/** A lone date or time stamp: `January 5, 2025`, `5 Jan 2025`, `2025-01-05`, `Updated 3:45 PM EST`. */
const DATE_LINE = new RegExp(
  `^(?:(?:updated|published|posted|last updated|first published)(?: on| at)?:?\\s+)?(?:${WEEKDAY},?\\s+)?` +
    `(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}|${MONTH}\\s+\\d{4})` +
    `(?:,?\\s*(?:at\\s+)?\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4})?)?\\s*[\\p{Pd}|]?$`,
  'iu',
);
/** A dateline: place names separated by commas, optionally an agency and a dash: `Kyiv, Ukraine`, `KYIV, Jan 5 (AP) —`. */
const PLACE_DATELINE =
  /^\p{Lu}[\p{L}.’'\- ]{0,30}(?:,\s*[\p{Lu}\d][\p{L}\d.’'\- ]{0,30}){1,3}(?:\s*\([^)]{1,20}\))?\s*[\p{Pd}]?$/u;
/** An upper-case place followed by a dash: `MOSCOW —`, `WASHINGTON (Reuters) -`. */
const CAPS_DATELINE = /^\p{Lu}[\p{Lu}.’'\- ]{1,30}(?:\s*\([^)]{1,20}\))?\s*\p{Pd}$/u;
/** `By Jane Doe`, `By Jane Doe and John Roe` (every name word capitalised). */
const BYLINE =
  /^[Bb]y\s+\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,3}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,3})*$/u;

function stripEdgePunctuation(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}©]+|[^\p{L}\p{N}©]+$/gu, '');
}

/**
 * Why `text` (one paragraph, verbatim) is site furniture, or null if it is not. The reason names the
 * rule, e.g. `newsletter prompt`, for `check` reports.
 */
export function furnitureReason(text: string, context: FurnitureContext = { atStart: false }): string | null {
  if (text.length > MAX_CHARS * 2) return null;
  const t = text.trim();
  if (t === '') return 'empty';
  if (t.length > MAX_CHARS) return null;

  if (SEPARATOR.test(t) && !/[\p{L}\p{N}]/u.test(t)) return 'separator';
  if (/^<!--[\s\S]*-->$/u.test(t)) return 'HTML comment';
  if (/^(?:https?:\/\/|www\.)\S+$/iu.test(t)) return 'bare link';

  const ws = words(t);
  const n = ws.length;

  // "IN FOCUS: ...", "EXCLUSIVE: ...": an all-caps label (two words or more, or a known label word) and a colon.
  const colon = t.indexOf(':');
  if (colon > 0 && colon <= 40 && n <= 40) {
    const label = t.slice(0, colon).trim();
    const labelWords = words(label);
    const letters = label.replace(/[^\p{L}]/gu, '');
    if (labelWords.length <= 5 && letters.length >= 2) {
      const allCaps = letters === letters.toUpperCase() && letters !== letters.toLowerCase();
      const teaser = TEASER_LABEL.test(label) || SHORT_TEASER_LABEL.test(label);
      if (allCaps && (labelWords.length >= 2 || teaser)) return 'cross-link label';
      if (teaser && !PROSE_LABEL_START.test(label) && n <= 60) return 'teaser or credit label';
    }
  }

  // "Share this article", "Advertisement", "Read more", "5 min read", "Follow us on X".
  if (n <= 8) {
    const norm = ws.map(stripEdgePunctuation).filter((w) => w !== '');
    if (
      norm.length > 0 &&
      norm.every((w) => LABEL_WORDS.has(w) || /^\d+$/u.test(w)) &&
      norm.some((w) => !FUNCTION_WORDS.has(w) && !/^\d+$/u.test(w))
    ) {
      return 'site label';
    }
  }

  const cta = n <= 60 ? CTA_START.exec(t) : null;
  if (cta !== null && SITE_WORDS.test(t.slice(cta[0].length))) return 'newsletter or membership prompt';
  if (n <= 50 && FIRST_PLURAL.test(t) && SECOND_PERSON.test(t) && PUBLISHER_WORK.test(t))
    return 'publisher message';
  if (n <= 20 && /^(?:©|\(c\)\s|copyright\b)/iu.test(t)) return 'copyright notice';
  if (
    n <= 25 &&
    /^[([].*[)\]]$/su.test(t) &&
    /\b(?:photo|image|picture|credit|getty|reuters|afp|epa|ap|video|file|embed(?:ded)?)\b/iu.test(t)
  ) {
    return 'caption or credit';
  }
  if (n <= 10 && DATE_LINE.test(t)) return 'date line';
  if (n <= 10 && BYLINE.test(t)) return 'byline';
  if (
    context.atStart &&
    n <= 8 &&
    (PLACE_DATELINE.test(t) || CAPS_DATELINE.test(t)) &&
    !/[.!?]["”’)]?$/u.test(t.replace(/(?:\b\p{Lu}\.)+$/u, ''))
  ) {
    return 'dateline';
  }
  return null;
}

/** Convenience: true when `text` is furniture. */
export function isFurniture(text: string, context?: FurnitureContext): boolean {
  return furnitureReason(text, context) !== null;
}
