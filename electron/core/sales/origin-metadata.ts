// A till's sale carries its till and reference into the Opn charge's metadata, so a log rebuilt from Opn
// (rebuild.ts) still says which till asked for it and under which reference. Only these three short,
// length-capped values go (shared/pos-link POS_ORIGIN_LIMITS: under 200 bytes together); the note and the
// cart stay local: Opn does not document a metadata size limit, and a customer's basket is not its business.
import type { SaleOrigin } from '../../../shared';
import { saleOriginSchema } from '../../../shared';

const KEYS = { tillId: 'pos_till_id', tillName: 'pos_till_name', referenceId: 'pos_reference' } as const;

export function originMetadata(origin: SaleOrigin | null | undefined): Record<string, string> {
  if (!origin) return {};
  return { [KEYS.tillId]: origin.tillId, [KEYS.tillName]: origin.tillName, [KEYS.referenceId]: origin.referenceId };
}

/** The origin a rebuilt sale gets back from its charge's metadata; null when it has none or it is malformed. */
export function originFromMetadata(metadata: Readonly<Record<string, unknown>>): SaleOrigin | null {
  const tillId = metadata[KEYS.tillId];
  const tillName = metadata[KEYS.tillName];
  const referenceId = metadata[KEYS.referenceId];
  if (typeof tillId !== 'string' || typeof tillName !== 'string' || typeof referenceId !== 'string') return null;
  const parsed = saleOriginSchema.safeParse({ source: 'pos', tillId, tillName, referenceId, note: null, lineItems: [] });
  return parsed.success ? parsed.data : null;
}
