// What the Settings screen (through IPC, manager PIN) may ask of the POS link, and what it is shown.
// The POS link server implements PosLinkControl; the IPC handlers only forward. Keys themselves never
// leave the POS link: Settings sees ids, names, scopes and last use.
import type { IsoUtc } from '../domain';

export type PosScope = 'payments' | 'refunds';

export interface PosLinkConfig {
  /** Off until a manager turns it on. */
  readonly enabled: boolean;
  /** false: loopback only (a till on this PC, plain HTTP); true: also the shop's network over HTTPS. */
  readonly allowLan: boolean;
  /** Loopback HTTP port (default 4350; the LAN's HTTPS port is the next one). 0: any free port (tests). Additive. */
  readonly port?: number;
}

export interface PosKeyInfo {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly PosScope[];
  readonly createdAt: IsoUtc;
  readonly lastUsedAt: IsoUtc | null;
  readonly revokedAt: IsoUtc | null;
}

export interface PosPairingCode {
  /** Short, one-time, typed by a person into the till. */
  readonly code: string;
  readonly name: string;
  readonly scopes: readonly PosScope[];
  readonly expiresAt: IsoUtc;
}

export interface PosLinkStatus {
  readonly config: PosLinkConfig;
  /** 'listening' once the server is up; 'off' when disabled; 'error' with a code when it could not start. */
  readonly state: 'off' | 'listening' | 'error';
  readonly errorCode: string | null;
  /** e.g. http://127.0.0.1:4350 and, with allowLan, https://192.168.1.20:4351 */
  readonly loopbackUrl: string | null;
  readonly lanUrls: readonly string[];
  /** SHA-256 fingerprint of the per-install certificate (colon-separated hex), the till pins it. */
  readonly certFingerprint: string | null;
  readonly keys: readonly PosKeyInfo[];
}

export interface PosLinkControl {
  status(): PosLinkStatus;
  configure(config: PosLinkConfig): Promise<PosLinkStatus>;
  createPairingCode(input: { name: string; scopes: readonly PosScope[] }): PosPairingCode;
  revokeKey(id: string): PosLinkStatus;
}
