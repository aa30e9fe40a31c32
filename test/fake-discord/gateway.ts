/**
 * The fake gateway: HELLO, IDENTIFY → READY + GUILD_CREATE per guild, heartbeats, RESUME with replay,
 * dispatches routed by shard, close codes as Discord uses them. JSON encoding, no transport compression
 * (discord.js only asks for zlib-stream when zlib-sync is installed).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode, Intent, KNOWN_INTENTS, Op, PRIVILEGED_INTENTS } from './constants.js';
import { isObject, type Json } from './limits.js';
import type { World } from './state.js';

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
  requireGuildsIntent: boolean;
  /** Privileged intents switched on "in the developer portal". */
  privilegedIntents: number;
  /** How many events a session keeps for replay on RESUME. */
  replayBuffer: number;
}

export interface GatewayLogEntry {
  at: number;
  connection: number;
  direction: 'in' | 'out' | 'close';
  op?: number;
  t?: string | null;
  s?: number | null;
  d?: unknown;
  code?: number;
  reason?: string;
}

export interface GatewaySession {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  identify: Json;
  buffer: { s: number; t: string; d: unknown }[];
  connection?: GatewayConnection;
  readyAt: number;
  resumes: number;
}

export interface GatewayConnection {
  id: number;
  ws: WebSocket;
  openedAt: number;
  session?: GatewaySession;
  lastHeartbeatAt?: number;
  heartbeats: number;
  closed: boolean;
}

export interface GatewayHost {
  readonly world: World;
  readonly applicationId: string;
  gatewayUrl(): string;
  changed(): void;
  debug(line: string): void;
}

/** Which shard a guild lives on: (guild_id >> 22) % num_shards. */
export function shardFor(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export class Gateway {
  readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  readonly connections = new Set<GatewayConnection>();
  readonly sessions = new Map<string, GatewaySession>();
  readonly log: GatewayLogEntry[] = [];
  private nextConnectionId = 1;
  identifyCount = 0;

  constructor(
    private readonly host: GatewayHost,
    private readonly options: GatewayOptions,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/' && url.pathname !== '/resume') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url));
  }

  private onConnection(ws: WebSocket, url: URL): void {
    const conn: GatewayConnection = {
      id: this.nextConnectionId++,
      ws,
      openedAt: Date.now(),
      heartbeats: 0,
      closed: false,
    };
    this.connections.add(conn);
    ws.on('message', (data: RawData) => this.onMessage(conn, data));
    ws.on('close', (code: number, reason: Buffer) => this.onClose(conn, code, reason.toString()));
    ws.on('error', (err: Error) => this.host.debug(`gateway connection ${conn.id} error: ${err.message}`));
    const v = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    if (v !== null && v !== '10' && v !== '9') {
      this.close(conn, CloseCode.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    if (encoding !== 'json') {
      // The fake only speaks JSON (etf would need erlpack, which discord.js 14 never uses).
      this.close(conn, CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    this.send(conn, {
      op: Op.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["fake-gateway",{"micros":0}]'] },
      s: null,
      t: null,
    });
  }

  private send(
    conn: GatewayConnection,
    payload: { op: number; d: unknown; s: number | null; t: string | null },
  ): void {
    if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
    this.log.push({
      at: Date.now(),
      connection: conn.id,
      direction: 'out',
      op: payload.op,
      t: payload.t,
      s: payload.s,
      d: payload.d,
    });
    conn.ws.send(JSON.stringify(payload));
  }

  /** Closes a connection with a Discord close code (the session survives unless the code forbids resuming). */
  close(conn: GatewayConnection, code: number, reason: string): void {
    if (conn.closed) return;
    conn.closed = true;
    this.log.push({ at: Date.now(), connection: conn.id, direction: 'close', code, reason });
    this.host.debug(`gateway: closing connection ${conn.id} with ${code} ${reason}`);
    const session = conn.session;
    if (session) {
      if (session.connection === conn) session.connection = undefined;
      if (!RESUMABLE_AFTER.has(code)) this.sessions.delete(session.id);
    }
    try {
      conn.ws.close(code, reason);
    } catch {
      conn.ws.terminate();
    }
    this.connections.delete(conn);
    this.host.changed();
  }

  private onClose(conn: GatewayConnection, code: number, reason: string): void {
    if (!conn.closed) {
      conn.closed = true;
      this.log.push({
        at: Date.now(),
        connection: conn.id,
        direction: 'close',
        code,
        reason: `by client: ${reason}`,
      });
      const session = conn.session;
      if (session && session.connection === conn) {
        session.connection = undefined;
        // A client closing with 1000/1001 ends its session; any other code keeps it resumable.
        if (code === 1000 || code === 1001) this.sessions.delete(session.id);
      }
    }
    this.connections.delete(conn);
    this.host.changed();
  }

  private onMessage(conn: GatewayConnection, data: RawData): void {
    if (conn.closed) return;
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data as ArrayBuffer).toString('utf8');
    if (Buffer.byteLength(text) > 4096) {
      this.close(conn, CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      this.close(conn, CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    if (!isObject(payload) || typeof payload.op !== 'number') {
      this.close(conn, CloseCode.DecodeError, 'Error while decoding payload.');
      return;
    }
    const op = payload.op;
    const logged = op === Op.Identify || op === Op.Resume ? redactToken(payload.d) : payload.d;
    this.log.push({ at: Date.now(), connection: conn.id, direction: 'in', op, d: logged });
    switch (op) {
      case Op.Heartbeat:
        conn.lastHeartbeatAt = Date.now();
        conn.heartbeats++;
        this.send(conn, { op: Op.HeartbeatAck, d: null, s: null, t: null });
        break;
      case Op.Identify:
        this.identify(conn, payload.d);
        break;
      case Op.Resume:
        this.resume(conn, payload.d);
        break;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestSoundboardSounds:
        if (!conn.session) this.close(conn, CloseCode.NotAuthenticated, 'Not authenticated.');
        break;
      case Op.RequestGuildMembers:
        if (!conn.session) this.close(conn, CloseCode.NotAuthenticated, 'Not authenticated.');
        else this.requestGuildMembers(conn.session, payload.d);
        break;
      default:
        this.close(conn, CloseCode.UnknownOpcode, 'Unknown opcode.');
    }
    this.host.changed();
  }

  /** IDENTIFY and RESUME alike: not already authenticated, a decodable payload, the right token. */
  private authenticates(conn: GatewayConnection, d: unknown): d is Record<string, unknown> {
    if (conn.session) {
      this.close(conn, CloseCode.AlreadyAuthenticated, 'Already authenticated.');
      return false;
    }
    if (!isObject(d)) {
      this.close(conn, CloseCode.DecodeError, 'Error while decoding payload.');
      return false;
    }
    return this.checkToken(conn, d.token);
  }

  private checkToken(conn: GatewayConnection, token: unknown): boolean {
    const raw = typeof token === 'string' ? token.replace(/^Bot /, '') : '';
    if (raw !== this.options.token) {
      this.close(conn, CloseCode.AuthenticationFailed, 'Authentication failed.');
      return false;
    }
    return true;
  }

  private identify(conn: GatewayConnection, d: unknown): void {
    if (!this.authenticates(conn, d)) return;
    const intents = d.intents;
    if (
      typeof intents !== 'number' ||
      !Number.isInteger(intents) ||
      intents < 0 ||
      (intents & ~KNOWN_INTENTS) !== 0
    ) {
      this.close(conn, CloseCode.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.options.privilegedIntents) !== 0) {
      this.close(conn, CloseCode.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    if (this.options.requireGuildsIntent && (intents & Intent.Guilds) === 0) {
      // Real Discord would accept this and simply never send guild events; the fake refuses loudly.
      this.close(
        conn,
        CloseCode.InvalidIntents,
        'Invalid intent(s). (fake Discord: the Guilds intent is required)',
      );
      return;
    }
    let shard: [number, number] = [0, 1];
    if (d.shard !== undefined) {
      const s = d.shard;
      if (
        !Array.isArray(s) ||
        s.length !== 2 ||
        !s.every((x) => Number.isInteger(x)) ||
        s[1] < 1 ||
        s[0] < 0 ||
        s[0] >= s[1]
      ) {
        this.close(conn, CloseCode.InvalidShard, 'Invalid shard.');
        return;
      }
      shard = [s[0] as number, s[1] as number];
    }
    this.identifyCount++;
    const session: GatewaySession = {
      id: randomSessionId(),
      shard,
      intents,
      seq: 0,
      identify: redactToken(d) as Json,
      buffer: [],
      connection: conn,
      readyAt: Date.now(),
      resumes: 0,
    };
    conn.session = session;
    this.sessions.set(session.id, session);
    const guilds = [...this.host.world.guilds.values()].filter((g) => shardFor(g.id, shard[1]) === shard[0]);
    const bot = this.host.world.botUser;
    this.dispatchTo(session, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...this.host.world.apiUser(bot), bot: true, verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: `${this.host.gatewayUrl()}/resume`,
      shard,
      application: { id: this.host.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['local'],
      auth: {},
      _trace: ['["fake-gateway",{"micros":0}]'],
    });
    if ((intents & Intent.Guilds) !== 0) {
      for (const g of guilds) this.dispatchTo(session, 'GUILD_CREATE', this.host.world.guildCreatePayload(g));
    }
  }

  private resume(conn: GatewayConnection, d: unknown): void {
    if (!this.authenticates(conn, d)) return;
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!session) {
      this.send(conn, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (seq > session.seq) {
      this.close(conn, CloseCode.InvalidSeq, 'Invalid seq.');
      return;
    }
    if (session.connection && session.connection !== conn) {
      this.close(session.connection, CloseCode.UnknownError, 'Session resumed elsewhere.');
    }
    session.connection = conn;
    session.resumes++;
    conn.session = session;
    for (const e of session.buffer) {
      if (e.s > seq) this.send(conn, { op: Op.Dispatch, t: e.t, s: e.s, d: e.d });
    }
    this.dispatchTo(session, 'RESUMED', { _trace: ['["fake-gateway",{"micros":0}]'] });
  }

  private requestGuildMembers(session: GatewaySession, d: unknown): void {
    if (!isObject(d) || typeof d.guild_id !== 'string') return;
    const guild = this.host.world.guilds.get(d.guild_id);
    if (!guild) return;
    const ids = Array.isArray(d.user_ids)
      ? d.user_ids.map(String)
      : typeof d.user_ids === 'string'
        ? [d.user_ids]
        : null;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : null;
    const members = [...guild.members.values()].filter((m) => {
      if (ids) return ids.includes(m.userId);
      const u = this.host.world.users.get(m.userId);
      return query !== null && u !== undefined && u.username.toLowerCase().startsWith(query);
    });
    this.dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: members.map((m) => this.host.world.apiMember(guild, m)),
      chunk_index: 0,
      chunk_count: 1,
      ...(ids ? { not_found: ids.filter((id) => !guild.members.has(id)) } : {}),
      ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  /** Sends (or buffers, while the session is disconnected) one dispatch. */
  dispatchTo(session: GatewaySession, t: string, d: unknown): void {
    session.seq++;
    const s = session.seq;
    session.buffer.push({ s, t, d });
    if (session.buffer.length > this.options.replayBuffer) session.buffer.shift();
    const conn = session.connection;
    if (conn) this.send(conn, { op: Op.Dispatch, t, s, d });
  }

  /** Sessions that receive events for this guild (all of them for DMs' shard 0), newest first. */
  sessionsFor(guildId: string | undefined): GatewaySession[] {
    return [...this.sessions.values()]
      .filter((s) => (guildId ? shardFor(guildId, s.shard[1]) === s.shard[0] : s.shard[0] === 0))
      .sort((a, b) => b.readyAt - a.readyAt);
  }

  /** A guild-scoped event to every session on that guild's shard holding the needed intent. */
  dispatchGuildEvent(guildId: string | undefined, t: string, d: unknown, intent: number): number {
    let n = 0;
    for (const s of this.sessionsFor(guildId)) {
      if ((s.intents & intent) === 0) continue;
      this.dispatchTo(s, t, d);
      n++;
    }
    if (n > 0) this.host.changed();
    return n;
  }

  /** An interaction goes to one session only (the newest on the right shard). */
  dispatchInteraction(guildId: string | undefined, d: unknown): GatewaySession | undefined {
    const target = this.sessionsFor(guildId).find((s) => s.connection) ?? this.sessionsFor(guildId)[0];
    if (target) this.dispatchTo(target, 'INTERACTION_CREATE', d);
    return target;
  }

  /** Asks a session's client to reconnect and resume (op 7). */
  requestReconnect(session: GatewaySession): void {
    if (session.connection) this.send(session.connection, { op: Op.Reconnect, d: null, s: null, t: null });
  }

  async closeAll(): Promise<void> {
    for (const conn of [...this.connections])
      this.close(conn, CloseCode.GoingAway, 'Fake Discord shutting down');
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** Close codes after which the session can still be resumed. */
const RESUMABLE_AFTER: ReadonlySet<number> = new Set([
  CloseCode.UnknownError,
  CloseCode.UnknownOpcode,
  CloseCode.DecodeError,
  CloseCode.RateLimited,
  1011,
  1012,
]);

function randomSessionId(): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

function redactToken(d: unknown): unknown {
  if (!isObject(d) || typeof d.token !== 'string') return d;
  return { ...d, token: '[redacted]' };
}
