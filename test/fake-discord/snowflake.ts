/** Discord snowflakes: milliseconds since 2015-01-01 in the top 42 bits, then worker, process and increment. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;
let lastTimestamp = 0n;

/** A fresh, strictly increasing snowflake (as Discord sends it: a decimal string). */
export function snowflake(at: number = Date.now()): string {
  let ts = BigInt(at);
  if (ts < lastTimestamp) ts = lastTimestamp;
  if (ts === lastTimestamp) {
    increment = (increment + 1n) & 0xfffn;
    if (increment === 0n) ts += 1n;
  } else {
    increment = 0n;
  }
  lastTimestamp = ts;
  return (((ts - DISCORD_EPOCH) << 22n) | (1n << 17n) | (1n << 12n) | increment).toString();
}

/** When a snowflake was made (ms since the Unix epoch). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** A random interaction token (real ones are ~200 URL-safe characters). */
export function interactionToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = 'aW50ZXJhY3Rpb246';
  for (let i = 0; i < 160; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}
