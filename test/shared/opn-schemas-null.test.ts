// Fields the terminal does not read accept null (issue 20, point 5): 111 recorded older charges embed a refund
// list whose `order` and `location` are null, and the whole charge was rejected for it.
import { expect, it } from 'vitest';
import { opnChargeSchema } from '../../shared';

const charge = {
  object: 'charge', id: 'chrg_test_1', status: 'successful', amount: 100000, currency: 'thb', created_at: '2019-06-01T00:00:00Z',
  refunds: { object: 'list', data: [{ object: 'refund', id: 'rfnd_test_1', amount: 100, location: null, currency: null, created_at: null }], total: 1, limit: 20, offset: 0, order: null, location: null, from: null, to: null },
  source: { object: 'source', id: 'src_test_1', type: 'kakaopay', flow: null, charge_status: null, discounts: null, items: null },
};

it('parses a charge whose unread list and refund fields are null; a field the terminal reads still may not be', () => {
  const parsed = opnChargeSchema.safeParse(charge);
  expect(parsed.success).toBe(true);
  expect(parsed.data?.refunds?.data[0]?.amount).toBe(100);
  expect(opnChargeSchema.safeParse({ ...charge, amount: null }).success).toBe(false);
  expect(opnChargeSchema.safeParse({ ...charge, refunds: { ...charge.refunds, total: null } }).success).toBe(false);
});
