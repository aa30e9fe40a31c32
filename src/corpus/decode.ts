/** Turns a file's bytes into the text the corpus works on, or explains why it cannot. */

export type DecodeResult = { ok: true; text: string } | { ok: false; message: string; fix: string };

const REENCODE_FIX =
  'save the file as UTF-8 text (in most editors: "Save with encoding" → UTF-8; or `iconv -f windows-1252 -t utf-8 in.txt > out.txt`)';

/** 1-based line of byte `offset` (counts \n bytes before it). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 bytes, removes a byte-order mark and normalises line endings (CRLF and lone CR → LF),
 * so that offsets into the result are stable whatever editor saved the file.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return { ok: false, message: 'the file is encoded as UTF-16, not UTF-8', fix: REENCODE_FIX };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      message: `the file contains NUL bytes (first at line ${lineOfByte(bytes, nul)}, byte ${nul}): it looks like binary data, not text`,
      fix: 'put only text documents (.md or .txt) in the corpus folder; convert PDFs or Word files to text first',
    };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const where =
      bad >= 0
        ? ` (first bad byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at line ${lineOfByte(bytes, bad)}, byte ${bad})`
        : '';
    return { ok: false, message: `the file is not valid UTF-8${where}`, fix: REENCODE_FIX };
  }
  return { ok: true, text: normaliseText(text) };
}

/** Removes a leading BOM and normalises CRLF / CR line endings to LF. */
export function normaliseText(text: string): string {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  return t;
}
