/**
 * Per-user, per-command cooldowns, in memory. Each guild lives on exactly one shard, so a member flooding a
 * channel always meets the same process; nothing here needs sharing between shards.
 */
export class Cooldowns {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Start the cooldown for `userId` on `command` and return 0, or, if one is running, leave it alone and
   * return how many milliseconds the user still has to wait.
   */
  take(userId: string, command: string, seconds: number): number {
    if (seconds <= 0) return 0;
    const key = `${command}\u0000${userId}`;
    const now = this.now();
    const until = this.until.get(key);
    if (until !== undefined && until > now) return until - now;
    if (this.until.size >= 10_000) this.sweep(now);
    this.until.set(key, now + seconds * 1000);
    return 0;
  }

  get size(): number {
    return this.until.size;
  }

  private sweep(now: number): void {
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
  }
}
