// The sandbox's in-memory records. Times are clock milliseconds; serialize.ts turns them into Opn objects.
import type { Currency } from '../../shared';

export type PlatformType = 'WEB' | 'IOS' | 'ANDROID';
export type ChargeStatus = 'pending' | 'successful' | 'failed' | 'expired' | 'reversed';

export interface SourceRecord {
  readonly id: string;
  readonly type: string;
  readonly flow: 'redirect' | 'app_redirect' | 'offline';
  readonly amount: number;
  readonly currency: Currency;
  readonly platformType: PlatformType | null;
  readonly createdAt: number;
  readonly email: string | null;
  readonly name: string | null;
  readonly phoneNumber: string | null;
  readonly mobileNumber: string | null;
  readonly storeId: string | null;
  readonly storeName: string | null;
  readonly terminalId: string | null;
  chargeId: string | null;
}

export interface ChargeRecord {
  readonly id: string;
  /** The authorize page's id (`pay2_test_…`), as in the guide's authorize_uri. */
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: Currency;
  readonly fee: number;
  readonly feeVat: number;
  readonly feeRatePercent: number;
  readonly vatRatePercent: number;
  readonly sourceId: string;
  readonly returnUri: string;
  readonly authorizeUri: string;
  readonly webhookEndpoints: readonly string[];
  readonly capture: boolean;
  readonly ip: string | null;
  readonly createdAt: number;
  expiresAt: number;
  description: string | null;
  metadata: Record<string, unknown>;
  status: ChargeStatus;
  authorized: boolean;
  paid: boolean;
  paidAt: number | null;
  expiredAt: number | null;
  reversedAt: number | null;
  failureCode: string | null;
  failureMessage: string | null;
  transactionId: string | null;
  refundIds: string[];
  refundedAmount: number;
  /** Refunded amount that went back as voids (inside the void window). */
  voidedAmount: number;
}

export interface RefundRecord {
  readonly id: string;
  readonly chargeId: string;
  readonly amount: number;
  readonly currency: Currency;
  readonly createdAt: number;
  readonly voided: boolean;
  readonly transactionId: string;
  readonly metadata: Record<string, unknown>;
}

export interface TransactionRecord {
  readonly id: string;
  readonly amount: number;
  readonly currency: Currency;
  readonly direction: 'credit' | 'debit';
  readonly key: string;
  readonly origin: string;
  readonly createdAt: number;
}

export interface WebhookDeliveryRecord {
  readonly object: 'webhook_delivery';
  readonly id: string;
  readonly uri: string;
  /** HTTP status the endpoint returned; 0 when no response (refused, timeout). */
  readonly status: number;
  readonly key: string;
  readonly error: string | null;
  readonly payload: string;
  readonly attempt: number;
  readonly created_at: string;
}

export interface EventRecord {
  readonly id: string;
  readonly key: string;
  readonly createdAt: number;
  /** Snapshot of the object at event time (as Opn sends it). */
  readonly data: { object: string; id: string } & Record<string, unknown>;
  /** Charge the event belongs to, for per-charge webhook endpoints. */
  readonly chargeId: string | null;
  readonly deliveries: WebhookDeliveryRecord[];
}
