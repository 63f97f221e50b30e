// The off-disk backup as the payment core runs it: its state for Settings (derived from the folder on first
// look, then kept), one write at a time, and the daily run the backup timer asks for.
import { MIGRATIONS } from '../store/migrations/index';
import { newestGoodCopy, OffsiteError, writeOffsiteCopy } from '../store/offsite';
import type { OffsiteStatus, OffsiteTarget } from '../store/offsite';
import type { CoreContext } from './context';

export class OffsiteBackups {
  private state: { dir: string | null; lastGood: OffsiteStatus['lastGood']; lastError: OffsiteStatus['lastError']; looked: boolean } = {
    dir: null, lastGood: null, lastError: null, looked: false,
  };
  private running: Promise<OffsiteStatus> | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly target: () => OffsiteTarget | null,
  ) {}

  status(): OffsiteStatus {
    const target = this.target();
    if (!target) return { dir: null, state: 'off', lastGood: null, lastError: null };
    if (this.state.dir !== target.dir || !this.state.looked) {
      // A changed folder (or the first look): its newest good copy is what Settings shows.
      this.state = { dir: target.dir, lastGood: newestGoodCopy(this.ctx.store.path, target.dir, MIGRATIONS.length), lastError: null, looked: true };
    }
    const { lastGood, lastError } = this.state;
    const failedLast = lastError !== null && (lastGood === null || lastError.at >= lastGood.at);
    return { dir: target.dir, state: failedLast ? 'failed' : lastGood ? 'ok' : 'never', lastGood, lastError };
  }

  write(): Promise<OffsiteStatus> {
    this.running ??= this.writeNow().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async writeNow(): Promise<OffsiteStatus> {
    const target = this.target();
    if (!target) return this.status();
    this.status();
    try {
      const good = await writeOffsiteCopy(this.ctx.store.path, target, (f) => this.ctx.store.backupTo(f), this.ctx.now(), MIGRATIONS.length);
      this.state = { ...this.state, dir: target.dir, lastGood: good, looked: true };
    } catch (e) {
      const code = e instanceof OffsiteError ? e.code : 'store_unwritable';
      const detail = e instanceof OffsiteError ? e.detail : String(e);
      this.ctx.log.error({ dir: target.dir, code, detail }, 'off-disk backup failed');
      this.state = { ...this.state, dir: target.dir, lastError: { code, detail: detail.slice(0, 300), at: this.ctx.iso() }, looked: true };
    }
    return this.status();
  }

  /** Once per UTC day (the hourly backup timer asks). */
  async ifDue(): Promise<void> {
    const status = this.status();
    if (status.state === 'off') return;
    const today = this.ctx.iso().slice(0, 10);
    if (status.lastGood && status.lastGood.at.slice(0, 10) === today) return;
    await this.write();
  }
}
