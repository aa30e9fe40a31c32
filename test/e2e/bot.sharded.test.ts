/**
 * End to end: `npm run start:sharded` (src/discord/sharded.ts) against a fake Discord that recommends two
 * shards. The manager asks the fake (through DISCORD_API_URL, not discord.com) for the shard count, runs
 * one bot process per shard, and each answers the commands of the guilds on its shard. SIGTERM stops them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, Intent, type SeededGuild } from '../fake-discord/index.js';
import { shardFor } from '../fake-discord/gateway.js';
import { DISCORD_EPOCH as EPOCH } from '../fake-discord/snowflake.js';

const DISCORD_EPOCH = Number(EPOCH);
import {
  ask,
  expectNoErrors,
  expectNoMentions,
  logLines,
  quotedBlocks,
  startWorld,
  type World,
} from './helpers/harness.js';

let world: World;
let fake: FakeDiscord;
let guilds: [SeededGuild, SeededGuild];

/**
 * A fake recommending two shards, with one guild on each. A guild's shard comes from its id's timestamp
 * ((id >> 22) % 2, milliseconds): the second guild is seeded at the start of a millisecond of the other
 * parity (waited for by watching the clock: at most two milliseconds), and seeded again in a new fake in the
 * unlikely case the clock ticked meanwhile.
 */
async function twoShardFake(): Promise<FakeDiscord> {
  const parity = () => (Date.now() - DISCORD_EPOCH) % 2;
  for (let attempt = 0; attempt < 5; attempt++) {
    const f = new FakeDiscord({ shards: 2 });
    const want = 1 - shardFor(f.guild.id, 2);
    while (parity() === want) {
      // wait for the other parity…
    }
    while (parity() !== want) {
      // …then for the first moment of the wanted one
    }
    const second = f.world.seedGuild('Second Reading Group');
    if (shardFor(second.id, 2) !== want) continue;
    f.guilds.push(second);
    await f.listen();
    return f;
  }
  throw new Error('could not seed a guild on the other shard');
}

beforeAll(async () => {
  const readyShards = new Set<number>();
  world = await startWorld({
    fake: await twoShardFake(),
    global: true,
    entry: 'src/discord/sharded.ts',
    // Ready when both shards have logged their ready line.
    isReady: (line) => {
      const shards = line.json?.msg === 'ready' ? (line.json.shards as number[] | undefined) : undefined;
      for (const s of shards ?? []) readyShards.add(s);
      return readyShards.size === 2;
    },
  });
  fake = world.fake;
  guilds = [fake.guilds[0]!, fake.guilds[1]!];
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

describe('sharded start', () => {
  it('runs two shard processes, each identified as its shard with the Guilds intent only', () => {
    expect(logLines(world.bot, 'shard launched').map((l) => l.shard)).toEqual([0, 1]);
    const ready = logLines(world.bot, 'ready');
    expect(ready.map((l) => l.shards).sort()).toEqual([[0], [1]]);
    for (const line of ready) expect(line).toMatchObject({ documents: 5, guilds: 1 });
    const sessions = [...fake.gateway.sessions.values()];
    expect(sessions.map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const s of sessions) expect(s.intents).toBe(Intent.Guilds);
    // The shard count came from the fake, through DISCORD_API_URL.
    expect(fake.requests.some((r) => r.route === 'GET /gateway/bot' && r.status === 200)).toBe(true);
  });

  it('each shard answers the commands of its own guild', async () => {
    const answeredBy = new Set<number>();
    for (const guild of guilds) {
      const { i, msg } = await ask(fake, {
        name: 'quote',
        options: { topic: 'security guarantees' },
        guildId: guild.id,
        user: guild.users.reader,
      });
      expect(msg.guild_id).toBe(guild.id);
      expect(quotedBlocks(msg)).toHaveLength(5);
      // Which session the interaction was dispatched to, and so which shard process answered it.
      const dispatch = fake.gatewayLog.find(
        (e) => e.t === 'INTERACTION_CREATE' && (e.d as { id?: string } | undefined)?.id === i.id,
      );
      const session = [...fake.gateway.sessions.values()].find(
        (s) => s.connection?.id === dispatch?.connection,
      );
      expect(session?.shard[0]).toBe(shardFor(guild.id, 2));
      answeredBy.add(session!.shard[0]);
    }
    expect([...answeredBy].sort()).toEqual([0, 1]);
    // And a /study thread in the second guild (threads are created through that shard's client).
    const { msg } = await ask(
      fake,
      {
        name: 'study',
        subcommand: 'doc',
        options: { document: 'territory' },
        guildId: guilds[1].id,
        user: guilds[1].users.reader,
      },
      15_000,
    );
    expect(msg.content).toMatch(
      /^Started a study thread for \*\*Territory is the entire substance of the conflict\*\*: <#\d+>$/u,
    );
  });

  it('SIGTERM stops every shard cleanly (each closes its gateway with 1000) and the manager exits 0', async () => {
    const before = fake.gatewayLog.length;
    expect(await world.bot.stop()).toBe(0);
    const closes = fake.gatewayLog.slice(before).filter((e) => e.direction === 'close');
    expect(closes.map((c) => c.code)).toEqual([1000, 1000]);
    expect(fake.gateway.sessions.size).toBe(0);
    expect(logLines(world.bot, 'stopping shards')).toHaveLength(1);
    expectNoErrors(fake);
    expectNoMentions(fake);
  });
});
