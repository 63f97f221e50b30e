// JSON.stringify's exact text, in pieces of at most about CHUNK_CHARS characters. A list page of 100
// charges is ~210 KB of JSON: as one string it lands in V8's large-object space, a fresh mapping for
// every page (plus a second copy to encode it for the socket), which cost ~2 ms a page on the bench
// machine; pieces under 128 KB stay in the ordinary heap. Only the top two levels (a list object and
// its `data` array) are split; everything below is stringified whole, so the text is the same.

const CHUNK_CHARS = 32 * 1024;
const SPLIT_DEPTH = 2;

type Json = unknown;

function isPlainObject(v: Json): v is Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const skipped = (v: Json): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function pieces(v: Json, depth: number, out: string[]): void {
  if (depth < SPLIT_DEPTH && Array.isArray(v)) {
    out.push('[');
    v.forEach((item: Json, i) => {
      if (i > 0) out.push(',');
      if (skipped(item)) out.push('null');
      else pieces(item, depth + 1, out);
    });
    out.push(']');
    return;
  }
  if (depth < SPLIT_DEPTH && isPlainObject(v)) {
    out.push('{');
    let first = true;
    for (const [k, item] of Object.entries(v)) {
      if (skipped(item)) continue;
      out.push(`${first ? '' : ','}${JSON.stringify(k)}:`);
      first = false;
      pieces(item, depth + 1, out);
    }
    out.push('}');
    return;
  }
  out.push(JSON.stringify(v) ?? 'null');
}

/** The JSON text of `v` (as JSON.stringify(v) writes it) in consecutive chunks. */
export function jsonChunks(v: Json): string[] {
  const parts: string[] = [];
  pieces(v, 0, parts);
  const chunks: string[] = [];
  let current = '';
  for (const p of parts) {
    if (current !== '' && current.length + p.length > CHUNK_CHARS) {
      chunks.push(current);
      current = '';
    }
    current += p;
  }
  if (current !== '' || chunks.length === 0) chunks.push(current);
  return chunks;
}
