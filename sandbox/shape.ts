// How the sandbox imitates differences between Opn's documented examples and what real accounts answer:
// - `apiVersion`: webhooks are serialised in the ACCOUNT's API version, not the request's Omise-Version (Opn's
//   upgrade guide); through the Events API the envelope follows the request and `data` the account. 2017-11-02
//   writes `created`, not `created_at`, lowercase currencies and a charge's `refunded` (not `refunded_amount`).
// - `omitFields`: dotted paths removed from every charge the API answers with (e.g. `transaction_fees`,
//   `source.absorption_type`), to imitate recorded answers that lack fields of the guide's example.

export const API_VERSIONS = ['2017-11-02', '2019-05-29'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * 2019-05-29 → 2017-11-02 for one serialised object (deep), as recorded: `created` for `created_at`, lowercase
 * currencies, and a charge's refunded amount under `refunded` (renamed `refunded_amount` in 2019-05-29).
 */
function to20171102(v: Json): Json {
  if (Array.isArray(v)) return v.map(to20171102);
  if (!isRecord(v)) return v;
  const out: Record<string, Json> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === 'created_at') out.created = val;
    else if (k === 'refunded_amount' && v.object === 'charge') out.refunded = val;
    else if ((k === 'currency' || k === 'funding_currency') && typeof val === 'string') out[k] = val.toLowerCase();
    else out[k] = to20171102(val);
  }
  return out;
}

/** A webhook: the whole event as the account's API version serialises it. */
export function eventInVersion(v: Json, version: ApiVersion): Json {
  return version === '2019-05-29' ? v : to20171102(v);
}

/**
 * An event (or a list of events) read through the Events API: the envelope follows the request's version
 * (2019-05-29 here), the event's `data` stays in the account's version (as recorded `GET /events` answers show).
 */
export function eventsApiInVersion(v: Json, version: ApiVersion): Json {
  if (version === '2019-05-29' || !isRecord(v)) return v;
  if (v.object === 'list' && Array.isArray(v.data)) return { ...v, data: v.data.map((e) => eventsApiInVersion(e, version)) };
  return v.object === 'event' ? { ...v, data: to20171102(v.data) } : v;
}

function omitPath(obj: Record<string, Json>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !(head in obj)) return;
  if (rest.length === 0) {
    delete obj[head];
    return;
  }
  const next = obj[head];
  if (isRecord(next)) omitPath(next, rest);
}

/** Removes `paths` from every charge found in an answer (a charge, a list of charges, an event's data). */
export function omitFromCharges(v: Json, paths: readonly string[]): Json {
  if (paths.length === 0) return v;
  const copy = structuredClone(v);
  const walk = (x: Json): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!isRecord(x)) return;
    if (x.object === 'charge') for (const p of paths) omitPath(x, p.split('.'));
    if (x.object === 'list') walk(x.data);
    if (x.object === 'event') walk(x.data);
  };
  walk(copy);
  return copy;
}

/** The full answer transform for an API path (control paths and errors pass untouched). */
export function shapeAnswer(body: Json, path: string, o: { apiVersion: ApiVersion; omitFields: readonly string[] }): Json {
  if (!isRecord(body) || body.object === 'error') return body;
  const shaped = omitFromCharges(body, o.omitFields);
  return path === '/events' || path.startsWith('/events/') || /^\/charges\/[^/]+\/events$/.test(path) ? eventsApiInVersion(shaped, o.apiVersion) : shaped;
}
