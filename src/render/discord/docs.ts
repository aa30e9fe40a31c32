import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { DocumentsResult } from '../../search/documents.js';
import { encodeDocsPage } from '../../discord/custom-id.js';
import { COLORS, UNSIGNED, escaped, linkedTitle } from './format.js';
import { LIMITS } from './limits.js';
import { buttonRows, type ButtonSpec, type Reply } from './reply.js';
import { charLength } from './truncate.js';

/** Documents per page of the reading list (fewer when their theses are long). */
export const DOCS_PER_PAGE = 10;
const THESIS_MAX = 240;

/** One page of the reading list: number, linked title, author or "Unsigned", and the thesis under it. */
export function renderDocs(result: DocumentsResult, offset: number): Reply {
  const { documents } = result;
  const passages = documents.reduce((sum, d) => sum + d.sentences, 0);
  if (documents.length === 0) {
    return {
      embeds: [
        {
          title: 'Reading list',
          description: 'The reading list is empty: add Markdown or text files to the corpus folder.',
          color: COLORS.docs,
        },
      ],
      components: [],
    };
  }
  const start = Math.min(Math.max(0, offset), documents.length - 1);
  const entries: string[] = [];
  let used = 0;
  for (const [i, doc] of documents.slice(start, start + DOCS_PER_PAGE).entries()) {
    const byline = doc.author ? escaped(doc.author, 80) : UNSIGNED;
    const entry =
      `**${start + i + 1}.** ${linkedTitle(doc.title, doc.source, 150)} — ${byline}` +
      (doc.thesis.trim() ? `\n${escaped(doc.thesis, THESIS_MAX)}` : '');
    const added = charLength(entry) + (entries.length > 0 ? 2 : 0);
    if (used + added > LIMITS.embedDescription) break;
    entries.push(entry);
    used += added;
  }
  const end = start + entries.length;
  const embed: APIEmbed = {
    title: `Reading list (${documents.length} document${documents.length === 1 ? '' : 's'})`,
    description: entries.join('\n\n'),
    color: COLORS.docs,
    footer: { text: `documents ${start + 1}–${end} of ${documents.length} · ${passages} passages indexed` },
  };
  const nav: ButtonSpec[] = [];
  if (start > 0)
    nav.push({ label: 'Previous', customId: encodeDocsPage({ offset: Math.max(0, start - DOCS_PER_PAGE) }) });
  if (end < documents.length)
    nav.push({ label: 'More', customId: encodeDocsPage({ offset: end }), style: ButtonStyle.Primary });
  return { embeds: [embed], components: buttonRows(nav) };
}
