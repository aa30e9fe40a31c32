import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/corpus/sentences.js';

function split(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

describe('splitSentences: real sentences from the seed essays', () => {
  it('keeps U.S. before a name or noun inside the sentence', () => {
    const text =
      "On Thursday, U.S. President Donald Trump's special envoy Steve Witkoff and son-in-law Jared Kushner will sit across from Vladimir Putin in Moscow for talks the Kremlin itself requested. The meeting comes as Russian forces mount one of the most intensive aerial campaigns.";
    expect(split(text)).toEqual([
      "On Thursday, U.S. President Donald Trump's special envoy Steve Witkoff and son-in-law Jared Kushner will sit across from Vladimir Putin in Moscow for talks the Kremlin itself requested.",
      'The meeting comes as Russian forces mount one of the most intensive aerial campaigns.',
    ]);
    expect(split('The U.S. delegation arrives in Moscow. It is late.')).toEqual([
      'The U.S. delegation arrives in Moscow.',
      'It is late.',
    ]);
    expect(
      split(
        'rather than echoing the U.S. assessment of a near-complete deal. A planned meeting fell through.',
      ),
    ).toEqual([
      'rather than echoing the U.S. assessment of a near-complete deal.',
      'A planned meeting fell through.',
    ]);
  });

  it('keeps percentages, weights and quoted phrases, and the closing quote after a final period', () => {
    const text =
      'According to Witkoff, the outstanding issue is straightforward: "land deals." He has termed this the "800 lb elephant in the room," a characterization that dramatically understates its significance.';
    expect(split(text)).toEqual([
      'According to Witkoff, the outstanding issue is straightforward: "land deals."',
      'He has termed this the "800 lb elephant in the room," a characterization that dramatically understates its significance.',
    ]);
    expect(
      split(
        'Witkoff frames the moment optimistically, claiming a peace deal is "90% complete" following talks. Yet the gap remains.',
      ),
    ).toEqual([
      'Witkoff frames the moment optimistically, claiming a peace deal is "90% complete" following talks.',
      'Yet the gap remains.',
    ]);
  });

  it('never splits at em dashes and keeps curly quotes and apostrophes', () => {
    const text =
      'It is also, I am convinced, a delusion — one that has cost a great many lives and will cost more before it is finally abandoned. This war does not have a diplomatic solution that anyone in Kyiv could accept and survive.';
    expect(split(text)).toEqual([
      'It is also, I am convinced, a delusion — one that has cost a great many lives and will cost more before it is finally abandoned.',
      'This war does not have a diplomatic solution that anyone in Kyiv could accept and survive.',
    ]);
    const everything =
      'Everything else—humanitarian corridors, prisoner exchanges, economic frameworks—is ancillary to this core question of sovereignty and control.';
    expect(split(everything)).toEqual([everything]);
    expect(
      split(
        'I want to be careful here, because to say “there is no diplomatic path” sounds like a counsel of despair. Ukraine’s favor matters.',
      ),
    ).toEqual([
      'I want to be careful here, because to say “there is no diplomatic path” sounds like a counsel of despair.',
      'Ukraine’s favor matters.',
    ]);
  });

  it('does not split at an ellipsis glued between words', () => {
    expect(
      split('What has needed to change is an accommodation. Such a recalibration has been…elusive.'),
    ).toEqual(['What has needed to change is an accommodation.', 'Such a recalibration has been…elusive.']);
    const grave =
      'I understand wanting to deny Russia its goal of political control…but at the price of a bottomless Ukrainian grave? Imposing costs on Russia does not deny it political control over territory it occupies.';
    expect(split(grave)).toEqual([
      'I understand wanting to deny Russia its goal of political control…but at the price of a bottomless Ukrainian grave?',
      'Imposing costs on Russia does not deny it political control over territory it occupies.',
    ]);
  });

  it('splits at question marks', () => {
    expect(
      split(
        'Who monitors a ceasefire on that scale, and with whom? What do hundreds of thousands of soldiers on each side do while they wait — sit in their trenches, or withdraw and leave the line open to a land grab? How do you guarantee it?',
      ),
    ).toEqual([
      'Who monitors a ceasefire on that scale, and with whom?',
      'What do hundreds of thousands of soldiers on each side do while they wait — sit in their trenches, or withdraw and leave the line open to a land grab?',
      'How do you guarantee it?',
    ]);
  });

  it('keeps E.U. and parenthesised asides', () => {
    expect(
      split(
        'The most likely alternative they may pursue is nuclear proliferation, which brings self-explanatory risks. The E.U. is primarily exceptional in that its military capabilities greatly lag.',
      ),
    ).toEqual([
      'The most likely alternative they may pursue is nuclear proliferation, which brings self-explanatory risks.',
      'The E.U. is primarily exceptional in that its military capabilities greatly lag.',
    ]);
    const text =
      'Putin would not be irrational (as measured by his personal goals rather than the good of the Russian people) to hope that the uptick is a precursor of future gains.';
    expect(split(text)).toEqual([text]);
  });

  it('handles ie, 19-point and 20% in running text', () => {
    const text =
      'That matters because the subsequent (and ongoing) circumstances have been “ripe” for—ie, objectively favorable to—a negotiated settlement. Russia controls some 20% of Ukrainian territory at the moment.';
    expect(split(text)).toHaveLength(2);
  });
});

describe('splitSentences: abbreviations', () => {
  it.each([
    ['Mr. Zelenskiy has little reason to rejoice. His team will brief the Europeans.', 2],
    ['Mrs. Smith and Dr. Jones met St. Petersburg officials. They left.', 2],
    ['Some allies, e.g. Poland, disagree. Others, i.e. the Baltics, agree.', 2],
    ['Bread, milk, etc. are cheap. Meat is not.', 2],
    ['We bought bread, milk, etc. The shop then closed.', 2],
    ['It was Ukraine vs. Russia. The rest watched.', 2],
    ['The talks began on Jan. 20 in Geneva. They ended on Feb. 3.', 2],
    ['He cited No. 5 of the plan. It was rejected.', 2],
    ['The U.K. and the E.U. disagree. The U.S. President does not.', 2],
    ['He lives in the U.S. The rest of his family lives in Kyiv.', 2],
    ['The meeting ended at 5 p.m. Moscow time on Tuesday.', 1],
    ['John F. Kennedy spoke in Berlin. It mattered.', 2],
    ['J. R. R. Tolkien wrote books. People read them.', 2],
    ['Smith et al. found the same. Their data agree.', 2],
    ['Apple Inc. CEO Tim Cook agreed. Others did not.', 2],
  ])('%s → %i sentence(s)', (text, count) => {
    expect(split(text)).toHaveLength(count);
  });

  it('a lowercase word after a period continues the sentence', () => {
    expect(split('It was approx. ten km away. The troops left.')).toEqual([
      'It was approx. ten km away.',
      'The troops left.',
    ]);
    expect(split('The plan (see sec. four) failed. Nobody was surprised.')).toHaveLength(2);
    expect(split('The Wall St. analysts were gloomy.')).toHaveLength(1);
  });
});

describe('splitSentences: numbers, quotes, brackets, ellipses', () => {
  it('keeps decimals and thousands separators', () => {
    expect(split('Inflation reached 3.5 percent and 1,000 troops left. Costs rose by 2.25%.')).toEqual([
      'Inflation reached 3.5 percent and 1,000 troops left.',
      'Costs rose by 2.25%.',
    ]);
    expect(split('The war started in 2022. 2023 was worse.')).toEqual([
      'The war started in 2022.',
      '2023 was worse.',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence', () => {
    expect(split('He said, “It is over.” Then he left.')).toEqual([
      'He said, “It is over.”',
      'Then he left.',
    ]);
    expect(split("She said 'enough.' Nobody answered.")).toEqual(["She said 'enough.'", 'Nobody answered.']);
    expect(split('It failed. (Nobody was surprised.) The talks went on.')).toEqual([
      'It failed.',
      '(Nobody was surprised.)',
      'The talks went on.',
    ]);
    expect(split('“Why?” she asked. “Because.”')).toEqual(['“Why?” she asked.', '“Because.”']);
    expect(split('He asked “why?” and left.')).toEqual(['He asked “why?” and left.']);
  });

  it('splits at ? and ! unless the next word is lowercase', () => {
    expect(split('Is peace possible? Yes! But not now.')).toEqual([
      'Is peace possible?',
      'Yes!',
      'But not now.',
    ]);
    expect(split('Really?! No way.')).toEqual(['Really?!', 'No way.']);
    expect(split('"Now?" he asked.')).toEqual(['"Now?" he asked.']);
  });

  it('ellipses split only before a capitalised word', () => {
    expect(split('They waited... and waited. Nothing came.')).toEqual([
      'They waited... and waited.',
      'Nothing came.',
    ]);
    expect(split('They waited… and waited.')).toEqual(['They waited… and waited.']);
    expect(split('They waited... Then the shelling began.')).toEqual([
      'They waited...',
      'Then the shelling began.',
    ]);
  });

  it('does not split inside URLs, domains or version numbers', () => {
    expect(split('See example.com/a.b for details on v2.1. It helps.')).toEqual([
      'See example.com/a.b for details on v2.1.',
      'It helps.',
    ]);
  });

  it('keeps Markdown emphasis with its sentence', () => {
    expect(split('This is **bold.** And *this* too.')).toEqual(['This is **bold.**', 'And *this* too.']);
  });
});

describe('splitSentences: offsets', () => {
  it('returns trimmed spans that are verbatim slices, in order, without overlap', () => {
    const text = '  First one.   Second one?\n Third one!  ';
    const spans = splitSentences(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one?', 'Third one!']);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  });

  it('handles empty text, text without a terminator and stray punctuation', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   ')).toEqual([]);
    expect(split('No terminator here')).toEqual(['No terminator here']);
    expect(split('One. — Two.')).toEqual(['One.', '— Two.']);
    expect(split('…')).toEqual([]);
  });

  it('handles unicode: accents, CJK terminators, emoji and surrogate pairs', () => {
    expect(split('Zelenskyy’s café was closed. Kyiv’s 🌻 bloomed.')).toEqual([
      'Zelenskyy’s café was closed.',
      'Kyiv’s 🌻 bloomed.',
    ]);
    expect(split('和平。战争！')).toEqual(['和平。', '战争！']);
    expect(split('Über alles. Étude finie.')).toEqual(['Über alles.', 'Étude finie.']);
  });

  it('is linear on a very long paragraph', () => {
    const text = 'The U.S. envoy met Mr. Putin on Jan. 5 and talked for 3.5 hours. '.repeat(20_000);
    const t0 = performance.now();
    const spans = splitSentences(text);
    expect(spans).toHaveLength(20_000);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
