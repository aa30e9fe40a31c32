/** English function words: they carry no topic, so they are neither indexed nor matched. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost also although am among an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each either else even ever every few for from further had hadn't has hasn't have haven't having he he'd he'll
he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its
itself just let's like may me might more most much must mustn't my myself neither no nor not now of off on once only
or other ought our ours ourselves out over own per quite rather same shall shan't she she'd she'll she's should
shouldn't since so some such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those though through thus to too under until up upon us very via was wasn't we we'd we'll
we're we've were weren't what what's when when's where where's whether which while who who's whom whose why why's will
with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Common content words that are never a discussion topic on their own ("means", "point", "long"):
 * still searchable, but not offered as topics.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  `able actually again ago already another anyone anything around away back become becomes began behind best better
big came case certain come comes coming day days different does done else end enough entire even ever every
everyone everything fact far find first four full get gets getting give given gives go goes going gone good got
great half hand hands hard high hold just keep kind know known large last later least less let little long look
made make makes making man many mean means men might moment much need needs never new next nothing now number
often old one ones part people place point put real really right said say saying says second see seems seen
sense several short side sides simply since small someone something soon still sure take taken takes tell term
terms thing things think third three time times today told took true truth try turn two use used very want
wants way ways week weeks well went whole word words work would year years continue continues continued hope
hopes reach reaches power powers states matter matters reason reasons leave object points instead across along
following despite beyond toward towards among likely possible simple clear early late recent current main major`
    .split(/\s+/)
    .filter(Boolean),
);
