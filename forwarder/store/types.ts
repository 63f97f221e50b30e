// One storage interface for the forwarder: the durable per-terminal event log, acknowledgement
// cursors, hashed terminal tokens and the dead-letter list. SQLite for one instance, Redis for several.
import type { SignatureVerdict } from '../../shared';

export interface StoredEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly eventKey: string;
  readonly receivedAt: string;
  readonly signature: SignatureVerdict;
  readonly rawBody: string;
}

/**
 * `chargeRoute`: the charge this event is about, remembered for its terminal in the same durable commit
 * as the event (a refund made at Opn names only the charge). The first terminal remembered is kept.
 */
export type AppendInput = Omit<StoredEvent, 'seq'> & { readonly terminalId: string; readonly chargeRoute?: { readonly chargeId: string; readonly atMs: number } };

export interface AppendResult {
  readonly seq: number;
  /** true when this event id was already stored (for any terminal); nothing was written. */
  readonly duplicate: boolean;
  readonly terminalId: string;
}

export type DeadLetterReason = 'no_terminal' | 'unknown_terminal';

export interface DeadLetter {
  readonly id: string;
  readonly eventId: string;
  readonly eventKey: string;
  readonly receivedAt: string;
  readonly signature: SignatureVerdict;
  readonly reason: DeadLetterReason;
  /** terminal id named by the event, when it named one */
  readonly terminalHint: string | null;
  readonly rawBody: string;
  /** set once replayed to a terminal */
  readonly replayedTo: string | null;
}

export type DeadLetterInput = Omit<DeadLetter, 'id' | 'replayedTo'>;

export interface TerminalBacklog {
  readonly terminalId: string;
  readonly lastSeq: number;
  readonly ackedSeq: number;
}

export interface EventStore {
  readonly kind: 'sqlite' | 'redis';
  /** How it runs, for the start-up line: e.g. "sqlite, writer thread". */
  readonly summary: string;
  /** Durable when the promise resolves (SQLite: WAL + synchronous=FULL; Redis: per its AOF policy). */
  append(input: AppendInput): Promise<AppendResult>;
  /** Events of a terminal with seq > afterSeq, ascending, at most `limit`. */
  readAfter(terminalId: string, afterSeq: number, limit: number): Promise<StoredEvent[]>;
  /** Cumulative acknowledgement: everything <= seq is committed by the terminal. Never moves back. */
  ack(terminalId: string, seq: number): Promise<void>;
  ackedSeq(terminalId: string): Promise<number>;
  /**
   * Called with the terminal's cursor on hello. When the terminal's cursor is above the log's last
   * sequence, the forwarder lost its data (wiped directory, new Redis): every event now in the log was
   * stored after that and never delivered, so it is renumbered above the cursor (seq + cursor), and new
   * events follow. Otherwise the terminal would skip them as events it already has.
   */
  raiseSeq(terminalId: string, seq: number): Promise<void>;
  /**
   * The heartbeat's check of many terminals in one store round trip: each one's head (as headSeq) and
   * token hash (as tokenHash). Terminals unknown to the store are left out.
   */
  checkIn(terminalIds: readonly string[]): Promise<Map<string, { head: number; tokenHash: string | null }>>;
  /** Highest sequence stored (committed) for the terminal; 0 when none. One key lookup. */
  headSeq(terminalId: string): Promise<number>;
  backlog(): Promise<TerminalBacklog[]>;

  /** Creates the terminal if needed and replaces its token hash. */
  setTokenHash(terminalId: string, hash: string): Promise<void>;
  /** null when the terminal is unknown or its token was revoked. */
  tokenHash(terminalId: string): Promise<string | null>;
  revokeToken(terminalId: string): Promise<boolean>;
  /** A terminal is known once a token was ever created for it (revoked ones stay known). */
  isKnownTerminal(terminalId: string): Promise<boolean>;

  addDeadLetter(input: DeadLetterInput): Promise<{ id: string; duplicate: boolean }>;
  listDeadLetters(): Promise<DeadLetter[]>;
  /** Appends the dead letter's raw event to the terminal's log and marks it replayed. */
  replayDeadLetter(id: string, terminalId: string): Promise<AppendResult | null>;

  /**
   * Called (on any instance) after an append for a terminal is durable, with a getter of the event when
   * the notice carries it (then it can be sent without a read; only an instance holding the terminal
   * pays for parsing it); returns an unsubscribe function.
   */
  onAppended(listener: (terminalId: string, seq: number, event?: () => StoredEvent | undefined) => void): () => void;
  /**
   * Cross-instance notice that a terminal connected elsewhere or was revoked. `at`: when the replacing
   * connection's upgrade arrived (ms since the epoch), so a late notice never closes a newer session.
   */
  publishKick(terminalId: string, reason: 'replaced' | 'revoked', from: string, at?: number): Promise<void>;
  onKick(listener: (terminalId: string, reason: 'replaced' | 'revoked', from: string, at: number | undefined) => void): () => void;

  /** Deletes dead letters received before olderThanIso, then the oldest beyond `max`; returns how many. */
  pruneDeadLetters(olderThanIso: string, max: number): Promise<number>;
  deadLetterCount(): Promise<number>;
  /** Durable commits so far (SQLite: fsyncing transactions; Redis: write round trips): fsyncs per webhook. */
  readonly commits: number;
  /** Why acknowledged data could be lost on a crash of the store (Redis persistence settings), or null. */
  durabilityWarning(): Promise<string | null>;

  /** Deletes events acknowledged and older than the retention; returns how many. */
  prune(olderThanIso: string): Promise<number>;
  close(): Promise<void>;
}
