/** Loading folders with broken, unusual and huge files: problems are explicit, nothing is dropped silently. */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCorpus, formatCheckReport, formatProblems } from '../../src/corpus/check.js';
import { docIdFromFileName, parseDocument } from '../../src/corpus/document.js';
import { corpusFromFiles, loadCorpus } from '../../src/corpus/load.js';
import type { Corpus, CorpusProblem } from '../../src/corpus/types.js';

const GOOD = '---\ntitle: A good essay\n---\n\nPeace is possible. It needs guarantees.\n';

let dir: string;
const write = (name: string, content: string | Uint8Array): void =>
  writeFileSync(path.join(dir, name), content);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'parley-corpus-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function only(corpus: Corpus, file: string): CorpusProblem[] {
  return corpus.problems.filter((p) => p.file === file);
}

describe('a folder with broken files', () => {
  const broken: Record<
    string,
    { content: string | Uint8Array; field: string; message: RegExp; fix: RegExp }
  > = {
    'no-title.md': {
      content: '---\nauthor: Jane Doe\n---\n\nText.\n',
      field: 'title',
      message: /no title/,
      fix: /add a line "title: \.\.\."/,
    },
    'empty-title.md': {
      content: '---\ntitle: "  "\n---\n\nText.\n',
      field: 'title',
      message: /title is empty/,
      fix: /write the title after "title: "/,
    },
    'number-title.md': {
      content: '---\ntitle: 1984\n---\n\nText.\n',
      field: 'title',
      message: /must be text, but it is a number/,
      fix: /put the title in double quotes, e.g. title: "1984"/,
    },
    'typo.md': {
      content: '---\ntitle: T\nauther: Jane\n---\n\nText.\n',
      field: 'auther',
      message: /unknown front-matter field "auther" \(did you mean "author"\?\)/,
      fix: /rename "auther" to "author"/,
    },
    'unknown.md': {
      content: '---\ntitle: T\ncolour: blue\n---\n\nText.\n',
      field: 'colour',
      message: /unknown front-matter field "colour"/,
      fix: /allowed fields are title, author, source, published, summary/,
    },
    'bad-url.md': {
      content: '---\ntitle: T\nsource: not a url\n---\n\nText.\n',
      field: 'source',
      message: /is not a web address/,
      fix: /https:\/\//,
    },
    'ftp-url.md': {
      content: '---\ntitle: T\nsource: ftp://example.com/x\n---\n\nText.\n',
      field: 'source',
      message: /web address/,
      fix: /https/,
    },
    'bad-date.md': {
      content: '---\ntitle: T\npublished: 16/08/2025\n---\n\nText.\n',
      field: 'published',
      message: /YYYY-MM-DD/,
      fix: /YYYY-MM-DD/,
    },
    'impossible-date.md': {
      content: '---\ntitle: T\npublished: 2025-02-30\n---\n\nText.\n',
      field: 'published',
      message: /not a real calendar date/,
      fix: /YYYY-MM-DD/,
    },
    'list-author.md': {
      content: '---\ntitle: T\nauthor: [a, b]\n---\n\nText.\n',
      field: 'author',
      message: /author must be text, but it is a list/,
      fix: /unsigned/,
    },
    'multiline-summary.md': {
      content: '---\ntitle: T\nsummary: |\n  one\n  two\n---\n\nText.\n',
      field: 'summary',
      message: /one line/,
      fix: /one line/,
    },
    'yaml-error.md': {
      content: '---\ntitle: "unterminated\n---\n\nText.\n',
      field: 'front matter',
      message: /not valid YAML \(line \d+\)/,
      fix: /"name: value"/,
    },
    'colon-title.md': {
      content: '---\ntitle: Peace: a plan\n---\n\nText.\n',
      field: 'front matter',
      message: /not valid YAML/,
      fix: /double quotes/,
    },
    'duplicate-key.md': {
      content: '---\ntitle: A\ntitle: B\n---\n\nText.\n',
      field: 'front matter',
      message: /not valid YAML.*unique/,
      fix: /name: value/,
    },
    'unterminated.md': {
      content: '---\ntitle: T\n\nText without a closing fence.\n',
      field: 'front matter',
      message: /never closed/,
      fix: /add a line "---"/,
    },
    'no-front-matter.md': {
      content: 'Just text.\n',
      field: 'front matter',
      message: /no front matter/,
      fix: /title: \.\.\./,
    },
    'no-fences.md': {
      content: 'title: T\n\nText.\n',
      field: 'front matter',
      message: /not enclosed in "---"/,
      fix: /"---"/,
    },
    'scalar-front-matter.md': {
      content: '---\njust a sentence\n---\n\nText.\n',
      field: 'front matter',
      message: /"name: value"/,
      fix: /name: value/,
    },
    'empty-front-matter.md': {
      content: '---\n---\n\nText.\n',
      field: 'title',
      message: /no title/,
      fix: /title: /,
    },
    'empty-body.md': {
      content: '---\ntitle: T\n---\n\n\n',
      field: 'body',
      message: /no text after its front matter/,
      fix: /paragraphs/,
    },
    'only-headings.md': {
      content: '---\ntitle: T\n---\n\n## One\n\n## Two\n',
      field: 'body',
      message: /no text/,
      fix: /paragraphs/,
    },
    'only-furniture.md': {
      content: '---\ntitle: T\n---\n\nSubscribe to our newsletter for free.\n\n—\n\nShare this article\n',
      field: 'body',
      message: /site boilerplate/,
      fix: /backslash/,
    },
    'empty-file.md': { content: '', field: 'body', message: /empty/, fix: /front matter/ },
    'empty-file.txt': { content: '\n\n  \n', field: 'body', message: /empty/, fix: /paste/ },
    'latin1.txt': {
      content: Buffer.from('Caf\xe9 society.\n', 'latin1'),
      field: 'encoding',
      message: /not valid UTF-8 \(first bad byte 0xe9 at line 1/,
      fix: /UTF-8/,
    },
    'binary.md': {
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      field: 'encoding',
      message: /NUL bytes/,
      fix: /text/,
    },
    'utf16.txt': {
      content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello.', 'utf16le')]),
      field: 'encoding',
      message: /UTF-16/,
      fix: /UTF-8/,
    },
  };
  let corpus: Corpus;

  beforeAll(async () => {
    for (const [name, { content }] of Object.entries(broken)) write(name, content);
    write('good.md', GOOD);
    write(
      'also-good.txt',
      'A short essay\nThe first paragraph says something long enough to count as prose.\n',
    );
    symlinkSync(path.join(dir, 'missing-target.md'), path.join(dir, 'dangling.md'));
    write('README.md', '# Not a document\n');
    write('_draft.md', 'not even front matter');
    write('.hidden.md', 'hidden');
    write('notes.json', '{}');
    write('picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'nested.md'), 'ignored: sub-folders are not read');
    corpus = await loadCorpus(dir);
  });

  it.each(Object.keys(broken))('%s → a problem naming the file, the field and the fix', (name) => {
    const expected = broken[name]!;
    const problems = only(corpus, name);
    expect(
      problems.length,
      JSON.stringify(corpus.problems.filter((p) => p.file === name)),
    ).toBeGreaterThanOrEqual(1);
    const p = problems[0]!;
    expect(p.field).toBe(expected.field);
    expect(p.message).toMatch(expected.message);
    expect(p.fix).toMatch(expected.fix);
  });

  it('still loads the good documents and ignores README, _drafts, hidden files, other extensions and sub-folders', () => {
    expect(corpus.documents.map((d) => d.file)).toEqual(['also-good.txt', 'good.md']);
    expect(corpus.documents[1]!.title).toBe('A good essay');
    const ids = [...corpus.eachSentence()].map((s) => s.id);
    expect(ids).toEqual(ids.map((_, i) => i));
    expect(ids.length).toBe(corpus.sentenceCount);
  });

  it('accounts for every .md/.txt file: either a document or a problem', () => {
    const accounted = new Set([
      ...corpus.documents.map((d) => d.file),
      ...corpus.problems.map((p) => p.file),
    ]);
    for (const name of [...Object.keys(broken), 'good.md', 'also-good.txt', 'dangling.md'])
      expect(accounted.has(name), name).toBe(true);
    for (const name of ['README.md', '_draft.md', '.hidden.md', 'notes.json', 'picture.png', 'nested.md']) {
      expect(accounted.has(name), name).toBe(false);
    }
  });

  it('reports an unreadable file', () => {
    const [p] = only(corpus, 'dangling.md');
    expect(p).toMatchObject({ field: 'file' });
    expect(p!.message).toMatch(/cannot be read \(ENOENT/);
    expect(p!.fix).toMatch(/readable/);
  });

  it('gives line numbers for front-matter problems', () => {
    expect(only(corpus, 'typo.md')[0]!.line).toBe(3);
    expect(only(corpus, 'bad-date.md')[0]!.line).toBe(3);
    expect(only(corpus, 'yaml-error.md')[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports every front-matter mistake of a file, not just the first', async () => {
    const c = corpusFromFiles('/mem', [
      { file: 'many.md', content: '---\ntitle: T\nauther: X\npublished: soon\nsource: nope\n---\n\nText.\n' },
    ]);
    expect(c.problems.map((p) => p.field).sort()).toEqual(['auther', 'published', 'source']);
    expect(c.documents).toEqual([]);
  });

  it('check: counts, problems and a human-readable report', async () => {
    const result = await checkCorpus(dir);
    expect(result.documents).toBe(2);
    expect(result.sentences).toBe(corpus.sentenceCount);
    expect(result.problems.length).toBeGreaterThanOrEqual(Object.keys(broken).length + 1);
    const text = formatProblems(result.problems.filter((p) => p.file === 'typo.md'));
    expect(text).toBe(
      [
        'typo.md:3',
        '  field:   auther',
        '  problem: unknown front-matter field "auther" (did you mean "author"?)',
        '  fix:     rename "auther" to "author"',
      ].join('\n'),
    );
    const report = formatCheckReport('corpus', result);
    expect(report.split('\n')[0]).toMatch(/^corpus: 2 documents, \d+ sentences, \d+ problems$/);
    expect(report).toContain('no-title.md');
  });
});

describe('missing, empty and odd folders', () => {
  it('a missing corpus folder is a problem, not a crash', async () => {
    const missing = path.join(dir, 'does-not-exist');
    const corpus = await loadCorpus(missing);
    expect(corpus.documents).toEqual([]);
    expect(corpus.problems).toEqual([
      expect.objectContaining({
        file: missing,
        field: 'corpus',
        message: expect.stringMatching(/does not exist/),
        fix: expect.stringMatching(/--corpus/),
      }),
    ]);
  });

  it('a file given as the corpus folder is a problem', async () => {
    write('plain-file', 'x');
    const corpus = await loadCorpus(path.join(dir, 'plain-file'));
    expect(corpus.problems[0]!.message).toMatch(/is a file, not a corpus folder/);
  });

  it('an empty folder loads no documents and says so', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'parley-empty-'));
    try {
      const corpus = await loadCorpus(empty);
      expect(corpus.documents).toEqual([]);
      expect(corpus.sentenceCount).toBe(0);
      expect(corpus.problems).toHaveLength(1);
      expect(corpus.problems[0]).toMatchObject({
        field: 'corpus',
        message: expect.stringMatching(/no documents/),
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('two files with the same document id: the second is a problem', () => {
    const corpus = corpusFromFiles('/mem', [
      { file: 'Peace Plan.md', content: GOOD },
      { file: 'peace-plan.txt', content: 'Some text here.' },
    ]);
    expect(corpus.documents.map((d) => d.docId)).toEqual(['peace-plan']);
    expect(corpus.problems).toEqual([
      expect.objectContaining({
        file: 'peace-plan.txt',
        field: 'file',
        message: expect.stringMatching(/same as that of "Peace Plan.md"/),
      }),
    ]);
  });
});

describe('a file that trips a bug in the parser', () => {
  it('is reported as a problem and the other files still load', () => {
    // A proxy is not a real Uint8Array: reading it throws inside the parser, as a parser bug would.
    const unreadable = new Proxy(new Uint8Array([0x41]), {});
    const corpus = corpusFromFiles('/mem', [
      { file: 'a.md', content: GOOD },
      { file: 'b.md', content: unreadable },
      { file: 'c.md', content: GOOD },
    ]);
    expect(corpus.documents.map((d) => d.file)).toEqual(['a.md', 'c.md']);
    expect(corpus.problems).toEqual([
      expect.objectContaining({
        file: 'b.md',
        field: 'file',
        message: expect.stringMatching(/could not read this file \(.+\); this is a bug in Parley/u),
        fix: expect.stringMatching(/move the file out of the corpus folder/u),
      }),
    ]);
  });
});

describe('document ids and titles from file names', () => {
  it.each([
    ['001-security-guarantees.md', '001-security-guarantees'],
    ['My Essay (2).md', 'my-essay--2-'],
    ['Café_Société.txt', 'cafe-societe'],
    ['UPPER.MD', 'upper'],
    ['a.b.c.txt', 'a-b-c'],
  ])('%s → %s', (file, id) => {
    expect(docIdFromFileName(file)).toBe(id);
  });

  it('a .txt title comes from the file name', () => {
    const { document } = parseDocument('my-essay_2024.txt', 'Some text.');
    expect(document!.title).toBe('My essay 2024');
    expect(document!.author).toBeNull();
    expect(document!.docId).toBe('my-essay_2024'.replace('_', '-'));
  });
});

describe('encodings and line endings', () => {
  it('handles CRLF line endings and a BOM: offsets point into the normalised source', () => {
    const crlf =
      '\ufeff---\r\ntitle: CRLF essay\r\nsummary: One line.\r\n---\r\n\r\n## Part one\r\n\r\nFirst paragraph. Second sentence.\r\n\r\n> A quotation.\r\n';
    const { document, problems } = parseDocument('crlf.md', Buffer.from(crlf, 'utf8'));
    expect(problems).toEqual([]);
    expect(document!.source.includes('\r')).toBe(false);
    expect(document!.source.startsWith('---')).toBe(true);
    expect(document!.sections).toEqual(['Part one']);
    expect(document!.sentences.map((s) => s.text)).toEqual([
      'First paragraph.',
      'Second sentence.',
      'A quotation.',
    ]);
    for (const s of document!.sentences) expect(document!.source.slice(s.start, s.end)).toBe(s.text);
    const lone = parseDocument('cr.txt', 'Line one is a paragraph.\rLine two is another.');
    expect(lone.document!.paragraphs).toHaveLength(2);
  });

  it('keeps unicode text verbatim (accents, Cyrillic, emoji, astral characters)', () => {
    const text =
      '---\ntitle: Юнікод\n---\n\nКиїв — столиця України. Zelenskyy’s café 🌻 is open. 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 too.\n';
    const { document } = parseDocument('unicode.md', Buffer.from(text));
    expect(document!.title).toBe('Юнікод');
    expect(document!.sentences.map((s) => s.text)).toEqual([
      'Київ — столиця України.',
      'Zelenskyy’s café 🌻 is open.',
      '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 too.',
    ]);
    for (const s of document!.sentences) expect(document!.source.slice(s.start, s.end)).toBe(s.text);
  });

  it('accepts a UTF-8 BOM on a .txt file and rejects NUL characters in text given as a string', () => {
    expect(
      parseDocument('bom.txt', Buffer.from('\ufeffHello there.', 'utf8')).document!.paragraphs[0]!.text,
    ).toBe('Hello there.');
    expect(parseDocument('nul.txt', 'Hello\u0000there').problems[0]!.field).toBe('encoding');
  });
});

describe('a huge file', () => {
  it('loads a 5 MB Markdown file', () => {
    const paragraph =
      'The U.S. envoy met Mr. Putin on Jan. 5 and talked for 3.5 hours about “security guarantees.” Kyiv was not in the room — again. Was that a mistake? Many think so.';
    const parts = ['---\ntitle: Huge\n---\n'];
    let size = 0;
    let i = 0;
    while (size < 5 * 1024 * 1024) {
      const chunk = i % 50 === 0 ? `## Section ${i}\n\n${paragraph}\n\n` : `${paragraph}\n\n`;
      parts.push(chunk);
      size += chunk.length;
      i++;
    }
    const content = Buffer.from(parts.join(''));
    const t0 = performance.now();
    const { document, problems } = parseDocument('huge.md', content);
    const ms = performance.now() - t0;
    expect(problems).toEqual([]);
    expect(document!.paragraphs.filter((p) => p.kind === 'author')).toHaveLength(i);
    expect(document!.sentences).toHaveLength(i * 4);
    expect(document!.sentences[1]!.text).toBe('Kyiv was not in the room — again.');
    expect(ms).toBeLessThan(15_000); // generous; measured ~1 s on the 2-core dev machine
  });

  it('loads a 5 MB single-line .txt file', () => {
    const content = 'Peace talks resumed in Geneva. '.repeat(170_000);
    const { document } = parseDocument('one-line.txt', content);
    expect(document!.paragraphs).toHaveLength(1);
    expect(document!.sentences).toHaveLength(170_000);
  });
});

describe('loading again with the previous corpus', () => {
  let folder: string;
  const put = (name: string, content: string): void => writeFileSync(path.join(folder, name), content);
  const essay = (title: string, body: string): string => `---\ntitle: ${title}\n---\n\n${body}\n`;

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'parley-reload-'));
    put('a.md', essay('Alpha', 'Alpha is about guarantees. It has two sentences.'));
    put('b.md', essay('Beta', 'Beta is about territory.'));
    put('c.md', essay('Gamma', 'Gamma is about ceasefires. Truces fail. Then they hold.'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps the documents of unchanged files and reads the changed, new and deleted ones', async () => {
    // settledMs 0: the files were written a moment ago, and this test wants them treated as settled.
    const first = await loadCorpus(folder, { settledMs: 0 });
    expect(first.documents.every((d) => d.fileStamp !== null)).toBe(true);
    const same = await loadCorpus(folder, { previous: first, settledMs: 0 });
    expect(same.documents.map((d, i) => d === first.documents[i])).toEqual([true, true, true]);

    put('a.md', essay('Alpha', 'Alpha is shorter now.'));
    put('d.md', essay('Delta', 'Delta is new.'));
    rmSync(path.join(folder, 'b.md'));
    const next = await loadCorpus(folder, { previous: same, settledMs: 0 });
    expect(next.documents.map((d) => d.title)).toEqual(['Alpha', 'Gamma', 'Delta']);
    expect(next.documents[0]!.sentences.map((s) => s.text)).toEqual(['Alpha is shorter now.']);
    // Gamma's file did not change: its stored text is kept, its sentences renumbered after the new Alpha.
    const gamma = next.documents[1]!;
    expect(gamma.fileStamp).toBe(first.documents[2]!.fileStamp);
    expect(gamma.firstSentenceId).toBe(1);
    expect(gamma.sentences.map((s) => [s.id, s.text])).toEqual([
      [1, 'Gamma is about ceasefires.'],
      [2, 'Truces fail.'],
      [3, 'Then they hold.'],
    ]);
    expect(next.sentence(4)?.text).toBe('Delta is new.');
    expect(next.sentenceCount).toBe(5);
  });

  it('reads a file again when it changed too recently for its time stamps to tell a second change', async () => {
    put('e.md', essay('Epsilon', 'Version one of this text.'));
    const first = await loadCorpus(folder);
    const epsilon = first.documents.find((d) => d.file === 'e.md')!;
    expect(epsilon.fileStamp).toBeNull();
    // Same size, written at once: within one tick of the file clock its times may not move.
    put('e.md', essay('Epsilon', 'Version two of this text.'));
    const next = await loadCorpus(folder, { previous: first });
    expect(next.documents.find((d) => d.file === 'e.md')!.sentences[0]!.text).toBe(
      'Version two of this text.',
    );
  });

  it('reports a file that broke since, instead of keeping its old document', async () => {
    put('f.md', essay('Phi', 'Phi loads.'));
    const first = await loadCorpus(folder, { settledMs: 0 });
    put('f.md', '---\ntitle: Phi\n---\n');
    const next = await loadCorpus(folder, { previous: first, settledMs: 0 });
    expect(next.documents.some((d) => d.file === 'f.md')).toBe(false);
    expect(only(next, 'f.md').map((p) => p.field)).toEqual(['body']);
  });
});
