/**
 * `/study doc document:<doc> [channel]`: open a study thread (or forum post) for one document, its guide
 * (overview, key quotes, discussion questions) as the first message; run again, it links the open thread
 * instead. `/study all [channel]`: the same for every document; needs Manage Threads where the threads go
 * (checked here, since a subcommand cannot carry its own default permission). `channel` picks where (default:
 * this channel): the way to reach a forum, where nobody can type a command. Every answer is private; the thread
 * itself is public.
 */
import {
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type SlashCommandChannelOption,
} from 'discord.js';
import { study } from '../src/analysis/study.js';
import type { CorpusDocument } from '../src/corpus/types.js';
import type { Choice, CommandContext } from '../src/discord/command.js';
import { docLookup, unknownDocument } from '../src/discord/documents.js';
import { documentChoices, documentOption } from '../src/discord/options.js';
import {
  activeThreads,
  memberPermissionsAtTarget,
  openStudyThread,
  studyHost,
  TARGET_CHANNEL_TYPES,
  TARGET_OPTION,
  threadName,
  type ThreadHost,
} from '../src/discord/study-threads.js';
import { notice, type Reply } from '../src/render/discord/reply.js';
import {
  renderStudyGuide,
  renderStudyOutcome,
  renderStudyReport,
  type StudyOutcome,
} from '../src/render/discord/study.js';

/** Threads `/study all` creates in one run at most (Discord rate-limits thread creation; run it again to go on). */
export const STUDY_ALL_MAX = 25;

const targetOption = (option: SlashCommandChannelOption): SlashCommandChannelOption =>
  option
    .setName(TARGET_OPTION)
    .setDescription('Where to open it (default: this channel) — pick a forum to open a post')
    .addChannelTypes(...TARGET_CHANNEL_TYPES);

export const data = new SlashCommandBuilder()
  .setName('study')
  .setDescription('Open study threads with a guide: overview, key quotes, discussion questions')
  .addSubcommand((sub) =>
    sub
      .setName('doc')
      .setDescription('Open a study thread for one document (or link the one already open)')
      .addStringOption((o) => documentOption(o, true))
      .addChannelOption(targetOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName('all')
      .setDescription('Open a study thread for every document (needs Manage Threads)')
      .addChannelOption(targetOption),
  );

/** Creating threads takes several REST calls: always defer. */
export const defer = true;
export const ephemeral = (): boolean => true;
export const cooldown = (interaction: ChatInputCommandInteraction): number =>
  interaction.options.getSubcommand(false) === 'all' ? 120 : 15;

/** Everything that can be refused is refused here, before the cooldown starts and before deferring. */
export async function validate(
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
): Promise<Reply | null> {
  const host = await studyHost(interaction);
  if (!host.ok) return notice(host.message);
  if (interaction.options.getSubcommand(false) === 'all') {
    // Checked where the threads would go: a member who manages threads here may not manage them in #forum.
    const member = memberPermissionsAtTarget(interaction);
    if (!member.permissions?.has(PermissionFlagsBits.ManageThreads)) {
      return notice(
        `\`/study all\` opens a thread per document, so it needs the **Manage Threads** permission${member.where ? ` in ${member.where}` : ''}. \`/study doc\` works for everyone.`,
      );
    }
    if (ctx.index.corpus.documents.length === 0)
      return notice('The reading list is empty: there is nothing to study yet.');
    return null;
  }
  const ref = interaction.options.getString('document')?.trim() ?? '';
  if (!ref) return notice('Name a document: start typing its title in the `document` option.');
  return ctx.index.findDocument(ref) ? null : unknownDocument(ctx.index, ref);
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<Reply> {
  const checked = await studyHost(interaction);
  if (!checked.ok) return notice(checked.message);
  if (interaction.options.getSubcommand(false) === 'all') return studyAll(checked.host, ctx);

  const ref = interaction.options.getString('document', true).trim();
  const doc = ctx.index.findDocument(ref);
  if (!doc) return unknownDocument(ctx.index, ref);
  return renderStudyOutcome(await open(checked.host, doc, ctx));
}

async function studyAll(host: ThreadHost, ctx: CommandContext): Promise<Reply> {
  const known = await activeThreads(host);
  const outcomes: StudyOutcome[] = [];
  let created = 0;
  let skipped = 0;
  for (const doc of ctx.index.corpus.documents) {
    const name = threadName(doc.title, doc.docId);
    if (!known.has(name) && created >= STUDY_ALL_MAX) {
      skipped++;
      continue;
    }
    try {
      const outcome = await open(host, doc, ctx, known);
      if (outcome.status === 'created') created++;
      outcomes.push(outcome);
    } catch (err) {
      ctx.log.error({ err, docId: doc.docId }, 'study thread failed');
      outcomes.push({ title: doc.title, status: 'failed', reason: 'an unexpected error (logged).' });
    }
  }
  ctx.log.info(
    { created, existing: outcomes.filter((o) => o.status === 'existing').length, skipped },
    'study all',
  );
  return renderStudyReport(outcomes, skipped, STUDY_ALL_MAX);
}

function open(host: ThreadHost, doc: CorpusDocument, ctx: CommandContext, known?: Map<string, string>) {
  return openStudyThread({
    host,
    title: doc.title,
    docId: doc.docId,
    known,
    guide: () => {
      const guide = study(ctx.index, doc.docId);
      if (!guide) throw new Error(`no study guide for ${doc.docId}`);
      return renderStudyGuide(guide, docLookup(ctx.index));
    },
  });
}

export function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Choice[] {
  return documentChoices(ctx.index, interaction.options.getFocused());
}
