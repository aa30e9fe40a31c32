import {
  ApplicationCommandOptionType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COLORS } from './format.js';
import type { Reply } from './reply.js';

/**
 * `/help`: every command with its options (`[optional]`) and description, generated from the registered
 * command definitions so it can never drift from them.
 */
export function renderHelp(
  commands: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
  stats: { documents: number; passages: number },
): Reply {
  const lines: string[] = [];
  for (const command of commands) {
    const subcommands = (command.options ?? []).filter(
      (o) => o.type === ApplicationCommandOptionType.Subcommand,
    );
    if (subcommands.length === 0) {
      lines.push(entry(`/${command.name}`, command.options ?? [], command.description));
    } else {
      for (const sub of subcommands) {
        lines.push(
          entry(`/${command.name} ${sub.name}`, 'options' in sub ? (sub.options ?? []) : [], sub.description),
        );
      }
    }
  }
  const tips = [
    '**Tips**',
    '• Add `private: True` to see an answer only yourself.',
    '• **More** pages through results; **Context** shows the whole paragraph around a quote, only to you.',
    '• Topics are typo-tolerant, and autocomplete suggests the most discussed ones.',
  ];
  return {
    embeds: [
      {
        title: 'Parley: read together, quote exactly',
        description: `${lines.join('\n\n')}\n\n${tips.join('\n')}`,
        color: COLORS.help,
        footer: { text: `${stats.documents} documents · ${stats.passages} passages indexed` },
      },
    ],
    ephemeral: true,
  };
}

function entry(usage: string, options: readonly APIApplicationCommandOption[], description: string): string {
  const args = options
    .filter(
      (o): o is APIApplicationCommandBasicOption =>
        o.type !== ApplicationCommandOptionType.Subcommand &&
        o.type !== ApplicationCommandOptionType.SubcommandGroup,
    )
    .map((o) => (o.required ? `\`${o.name}\`` : `\`[${o.name}]\``))
    .join(' ');
  return `**${usage}**${args ? ` ${args}` : ''}\n${description}`;
}
