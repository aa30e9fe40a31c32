/**
 * `npm run deploy-commands`: register every slash command (one PUT of all their JSON). Guild-scoped when
 * DISCORD_GUILD_ID is set (instant, for development), global otherwise. Honours DISCORD_API_URL.
 */
import {
  ApplicationCommandOptionType,
  REST,
  Routes,
  type APIApplicationCommandOption,
  type RESTPutAPIApplicationCommandsResult,
} from 'discord.js';
import { commands } from '../../commands/index.js';
import { configOrExit, restOptions } from './config.js';

/** `topic [document] [limit]`, or `doc (document) | all` for subcommands. */
function usage(options: readonly APIApplicationCommandOption[] = []): string {
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) {
    return subcommands
      .map((sub) => (sub.options?.length ? `${sub.name} (${usage(sub.options)})` : sub.name))
      .join(' | ');
  }
  return options.map((o) => ('required' in o && o.required ? o.name : `[${o.name}]`)).join(' ');
}

async function main(): Promise<void> {
  const config = configOrExit();
  const rest = new REST(restOptions(config)).setToken(config.token);
  const body = commands.map((command) => command.data.toJSON());
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.clientId, config.guildId)
    : Routes.applicationCommands(config.clientId);
  const scope = config.guildId ? `in server ${config.guildId}` : 'globally';
  try {
    const registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
    console.log(`Registered ${registered.length} commands ${scope} for application ${config.clientId}:`);
    for (const command of registered) {
      const args = usage(command.options);
      console.log(`  /${command.name}${args ? ` ${args}` : ''}: ${command.description}`);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(
      `Could not register commands ${scope}: ${message} (check DISCORD_TOKEN, DISCORD_CLIENT_ID and DISCORD_API_URL).`,
    );
    process.exitCode = 1;
  }
}

void main();
