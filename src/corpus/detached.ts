/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 keeps a slice as a view of
 * its whole parent, so one title parsed out of a file would otherwise keep the whole file's text alive.
 */
export function detached<T extends string | null>(text: T): T {
  return (text === null ? null : Buffer.from(text, 'utf8').toString('utf8')) as T;
}
