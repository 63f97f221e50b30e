// Opn serialises timestamps as ISO-8601 UTC with whole seconds: "2023-06-15T02:25:09Z".

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Truncate to the second, as every timestamp a client sees is truncated. */
export function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export const EPOCH_ISO = '1970-01-01T00:00:00Z';
