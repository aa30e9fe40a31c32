/** The two document formats: Markdown with front matter, and plain text dropped in as is. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/corpus/document.js';
import type { CorpusDocument, Paragraph } from '../../src/corpus/types.js';

function md(body: string, frontMatter = 'title: Test'): CorpusDocument {
  const { document, problems } = parseDocument('test.md', `---\n${frontMatter}\n---\n\n${body}`);
  expect(problems).toEqual([]);
  return document!;
}
function txt(text: string, file = 'test.txt'): CorpusDocument {
  const { document, problems } = parseDocument(file, text);
  expect(problems).toEqual([]);
  return document!;
}
const shape = (d: CorpusDocument): Array<[Paragraph['kind'], number, string | null, string]> =>
  d.paragraphs.map((p) => [p.kind, p.number, p.section, p.text]);

function expectVerbatim(d: CorpusDocument): void {
  for (const p of d.paragraphs) expect(d.source.slice(p.start, p.start + p.text.length)).toBe(p.text);
  for (const s of d.sentences) expect(d.source.slice(s.start, s.end)).toBe(s.text);
}

describe('Markdown front matter', () => {
  it('reads every field', () => {
    const d = md(
      'Text.',
      'title: "Security guarantees: a primer"\nauthor: Jane Doe\nsource: https://example.com/a?b=1\npublished: 2025-08-16\nsummary: Guarantees decide everything.',
    );
    expect(d).toMatchObject({
      title: 'Security guarantees: a primer',
      author: 'Jane Doe',
      sourceUrl: 'https://example.com/a?b=1',
      published: '2025-08-16',
      summary: 'Guarantees decide everything.',
    });
  });

  it('treats empty optional fields as absent (unsigned)', () => {
    const d = md('Text.', 'title: T\nauthor:\nsource: ""\nsummary:');
    expect(d.author).toBeNull();
    expect(d.sourceUrl).toBeNull();
    expect(d.summary).toBeNull();
  });

  it('allows blank lines before the front matter and `...` as the closing fence', () => {
    const { document } = parseDocument('x.md', '\n\n---\ntitle: T\n...\nBody text.');
    expect(document!.title).toBe('T');
    expect(document!.paragraphs.map((p) => p.text)).toEqual(['Body text.']);
  });
});

describe('Markdown body', () => {
  it('separates paragraphs by blank lines; a single newline stays inside the paragraph', () => {
    const d = md('First line\nsame paragraph. Next sentence.\n\n\n\nSecond paragraph.\n');
    expect(shape(d)).toEqual([
      ['author', 1, null, 'First line\nsame paragraph. Next sentence.'],
      ['author', 2, null, 'Second paragraph.'],
    ]);
    expect(d.sentences.map((s) => s.text)).toEqual([
      'First line\nsame paragraph.',
      'Next sentence.',
      'Second paragraph.',
    ]);
    expectVerbatim(d);
  });

  it('opens sections at ## headings; other levels stay inside the current section', () => {
    const d = md(
      'Intro.\n\n## Part one ##\n\nA.\n\n### Detail\n\nB.\n\n# Big\n\nC.\n\n## Part two\nD right after the heading.\n',
    );
    expect(shape(d)).toEqual([
      ['author', 1, null, 'Intro.'],
      ['heading', 0, 'Part one', 'Part one'],
      ['author', 2, 'Part one', 'A.'],
      ['heading', 0, 'Part one', 'Detail'],
      ['author', 3, 'Part one', 'B.'],
      ['heading', 0, 'Part one', 'Big'],
      ['author', 4, 'Part one', 'C.'],
      ['heading', 0, 'Part two', 'Part two'],
      ['author', 5, 'Part two', 'D right after the heading.'],
    ]);
    expect(d.sections).toEqual(['Part one', 'Part two']);
    expectVerbatim(d);
  });

  it('marks > paragraphs as quotations whose text starts after the marker', () => {
    const d = md(
      'He wrote:\n\n> statesmen can decide any fool thing they like.\n\n>No space after the marker.\n',
    );
    expect(shape(d)).toEqual([
      ['author', 1, null, 'He wrote:'],
      ['quotation', 2, null, 'statesmen can decide any fool thing they like.'],
      ['quotation', 3, null, 'No space after the marker.'],
    ]);
    expect(d.sentences.map((s) => s.kind)).toEqual(['author', 'quotation', 'quotation']);
    expectVerbatim(d);
  });

  it('a quotation wrapped over several > lines is one paragraph; no sentence contains a marker', () => {
    const d = md(
      '> First quoted line, which goes on\n> to a second line. And a second\n> sentence.\n>\n> A new quoted paragraph.\n\nAfter.',
    );
    expect(d.paragraphs.map((p) => p.kind)).toEqual(['quotation', 'quotation', 'author']);
    expect(d.paragraphs[0]!.text).toBe(
      'First quoted line, which goes on\n> to a second line. And a second\n> sentence.',
    );
    for (const s of d.sentences) expect(s.text).not.toMatch(/(^|\n)\s*>/);
    expect(d.sentences.map((s) => s.text)).toEqual([
      'First quoted line, which goes on',
      'to a second line.',
      'And a second',
      'sentence.',
      'A new quoted paragraph.',
      'After.',
    ]);
    expectVerbatim(d);
  });

  it('a lazy continuation line belongs to the quotation; a > line after text starts a quotation', () => {
    const d = md('> Quoted start\ncontinued lazily.\n\nAuthor text.\n> Quoted right after.\n');
    expect(shape(d)).toEqual([
      ['quotation', 1, null, 'Quoted start\ncontinued lazily.'],
      ['author', 2, null, 'Author text.'],
      ['quotation', 3, null, 'Quoted right after.'],
    ]);
  });

  it('## Comments (any case) holds reader comments until the next ## heading', () => {
    const d = md(
      'Essay.\n\n## COMMENTS\n\nGreat piece!\n\n> Quoting the essay.\n\n### Bob, 3 May\n\nI disagree.\n\n## Appendix\n\nBack to the author.',
    );
    expect(shape(d)).toEqual([
      ['author', 1, null, 'Essay.'],
      ['heading', 0, 'COMMENTS', 'COMMENTS'],
      ['comment', 2, 'COMMENTS', 'Great piece!'],
      ['comment', 3, 'COMMENTS', 'Quoting the essay.'],
      ['heading', 0, 'COMMENTS', 'Bob, 3 May'],
      ['comment', 4, 'COMMENTS', 'I disagree.'],
      ['heading', 0, 'Appendix', 'Appendix'],
      ['author', 5, 'Appendix', 'Back to the author.'],
    ]);
    expect(d.sentences.map((s) => s.kind)).toEqual(['author', 'comment', 'comment', 'comment', 'author']);
  });

  it('"## Comments on the plan" is an ordinary section, not reader comments', () => {
    const d = md('## Comments on the plan\n\nThe author comments.');
    expect(d.paragraphs[1]!.kind).toBe('author');
  });

  it('recognises furniture; separators, code blocks and HTML comments are never searched', () => {
    const d = md(
      'Kyiv, Ukraine\n\n—\n\nThe text begins. It goes on.\n\n***\n\n```\nconst x = 1.\n\nmore code.\n```\n\n<!-- maintainer note\n\nspanning lines -->\n\nREAD MORE: Something else\n\nThe end.\n',
    );
    expect(d.paragraphs.map((p) => [p.kind, p.furniture ?? null])).toEqual([
      ['furniture', 'dateline'],
      ['furniture', 'separator'],
      ['author', null],
      ['furniture', 'separator'],
      ['furniture', 'code block'],
      ['furniture', 'HTML comment'],
      ['furniture', 'cross-link label'],
      ['author', null],
    ]);
    expect(d.sentences.map((s) => s.text)).toEqual(['The text begins.', 'It goes on.', 'The end.']);
    expect(d.paragraphs.filter((p) => p.number > 0).map((p) => p.number)).toEqual([1, 2]);
    expectVerbatim(d);
  });

  it('a leading backslash keeps a paragraph the furniture rules would drop', () => {
    const d = md('\\Read more\n\nText.');
    expect(shape(d)[0]).toEqual(['author', 1, null, 'Read more']);
    expectVerbatim(d);
  });

  it('keeps inline Markdown verbatim and does not split list items into one sentence', () => {
    const d = md(
      'Some *emphasis* and a [link](https://example.com/a.b). Next.\n\n- first item\n- second item\n1. numbered item',
    );
    expect(d.paragraphs[0]!.text).toBe('Some *emphasis* and a [link](https://example.com/a.b). Next.');
    expect(d.sentences.map((s) => s.text)).toEqual([
      'Some *emphasis* and a [link](https://example.com/a.b).',
      'Next.',
      'first item',
      'second item',
      'numbered item',
    ]);
    expectVerbatim(d);
  });
});

describe('plain text', () => {
  it('one paragraph per line, or blank-line separated', () => {
    const d = txt('First paragraph. Two sentences.\nSecond paragraph.\n\nThird paragraph.\n');
    expect(shape(d)).toEqual([
      ['author', 1, null, 'First paragraph. Two sentences.'],
      ['author', 2, null, 'Second paragraph.'],
      ['author', 3, null, 'Third paragraph.'],
    ]);
  });

  it('joins hard-wrapped lines of a blank-line separated paragraph', () => {
    const wrapped = [
      'The envoy arrived in Moscow on Tuesday with a plan that nobody in Kyiv',
      'had seen. It contained twenty points, most of them about territory and',
      'some about guarantees.',
      '',
      'The second paragraph is short.',
    ].join('\n');
    const d = txt(wrapped);
    expect(d.paragraphs.map((p) => p.text)).toEqual([
      'The envoy arrived in Moscow on Tuesday with a plan that nobody in Kyiv\nhad seen. It contained twenty points, most of them about territory and\nsome about guarantees.',
      'The second paragraph is short.',
    ]);
    expect(d.sentences.map((s) => s.text)[1]).toBe(
      'It contained twenty points, most of them about territory and\nsome about guarantees.',
    );
    expectVerbatim(d);
  });

  it('detects headings: a short line without terminal punctuation followed by longer prose', () => {
    const d = txt(
      [
        'Opening paragraph of the article, long enough to be prose.',
        'Why the talks failed',
        'The talks failed because neither side could accept the other’s terms on territory.',
        'Trump is right to try to end this war.',
        'A longer paragraph that follows a short sentence, which is not a heading.',
        'Short line without a stop',
        'Tiny',
        'Conclusion',
        'In the end, only force decides.',
      ].join('\n'),
    );
    expect(d.paragraphs.map((p) => p.kind)).toEqual([
      'author',
      'heading',
      'author',
      'author',
      'author',
      'author',
      'author',
      'heading',
      'author',
    ]);
    expect(d.sections).toEqual(['Why the talks failed', 'Conclusion']);
    expect(d.paragraphs[2]!.section).toBe('Why the talks failed');
  });

  it('a "Comments" line opens the reader-comments section; "> " lines are quotations', () => {
    const d = txt(
      'The essay text is here.\n> A quoted passage.\nComments\nNice essay, thanks.\nI disagree with the ending.',
    );
    expect(shape(d)).toEqual([
      ['author', 1, null, 'The essay text is here.'],
      ['quotation', 2, null, 'A quoted passage.'],
      ['heading', 0, 'Comments', 'Comments'],
      ['comment', 3, 'Comments', 'Nice essay, thanks.'],
      ['comment', 4, 'Comments', 'I disagree with the ending.'],
    ]);
    expectVerbatim(d);
  });

  it('a scraped article with boilerplate around it', () => {
    const scraped = [
      'WASHINGTON (Reuters) —',
      'By Jane Doe',
      'January 5, 2025',
      'The administration unveiled a new peace framework on Monday. Officials said it had 20 points.',
      'Advertisement',
      'READ MORE: Inside the talks',
      'What the plan says',
      'The plan would freeze the front line and defer the question of territory to later talks.',
      'Sign up for our free newsletter to get the latest analysis in your inbox.',
      'Share this article',
      '* * *',
    ].join('\n');
    const d = txt(scraped, 'peace-framework.txt');
    expect(d.title).toBe('Peace framework');
    expect(d.paragraphs.map((p) => p.kind)).toEqual([
      'furniture',
      'furniture',
      'furniture',
      'author',
      'furniture',
      'furniture',
      'heading',
      'author',
      'furniture',
      'furniture',
      'furniture',
    ]);
    expect(d.sentences.map((s) => s.text)).toEqual([
      'The administration unveiled a new peace framework on Monday.',
      'Officials said it had 20 points.',
      'The plan would freeze the front line and defer the question of territory to later talks.',
    ]);
  });

  it('keeps tabs and indentation out of the paragraph text', () => {
    const d = txt('\t  Indented paragraph.  \n');
    expect(d.paragraphs[0]!.text).toBe('Indented paragraph.');
    expectVerbatim(d);
  });
});
