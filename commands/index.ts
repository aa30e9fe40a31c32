/**
 * Every slash command, one module per file (the discord.js guide layout). Each module implements `Command`
 * with named exports; the `satisfies` check below keeps them honest. deploy-commands registers this list and
 * the router serves it.
 */
import type { Command } from '../src/discord/command.js';
import * as contrast from './contrast.js';
import * as docs from './docs.js';
import * as help from './help.js';
import * as positions from './positions.js';
import * as quote from './quote.js';
import * as study from './study.js';

export const commands = [quote, positions, contrast, study, docs, help] satisfies readonly Command[];
