// A small method + path router. Patterns use named groups; `access` says which key a route accepts.
import type { IncomingHttpHeaders } from 'node:http';
import type { Params } from './body';

export type Access = 'public' | 'secret' | 'none';

export type Reply =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'html'; readonly status: number; readonly html: string }
  | { readonly kind: 'redirect'; readonly location: string };

export interface RequestInfo {
  readonly method: string;
  readonly path: string;
  /** Query string and body merged (the body wins): go and python send GET parameters as a JSON body. */
  readonly params: Params;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
}

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly access: Access;
  readonly handler: (req: RequestInfo) => Reply | Promise<Reply>;
}

export const json = (body: unknown, status = 200): Reply => ({ kind: 'json', status, body });

const ID = '[A-Za-z0-9_]{1,100}';

/** '/charges/:id/refunds' → /^\/charges\/(?<id>…)\/refunds$/ */
export function route(method: string, path: string, access: Access, handler: Route['handler']): Route {
  const source = path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? `(?<${seg.slice(1)}>${ID})` : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('\\/');
  return { method, pattern: new RegExp(`^${source}\\/?$`), access, handler };
}

export type Match = { kind: 'found'; route: Route; pathParams: Record<string, string> } | { kind: 'wrong_method' } | { kind: 'none' };

export function matchRoute(routes: readonly Route[], method: string, path: string): Match {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method === method) return { kind: 'found', route: r, pathParams: { ...(m.groups ?? {}) } };
  }
  return pathMatched ? { kind: 'wrong_method' } : { kind: 'none' };
}
