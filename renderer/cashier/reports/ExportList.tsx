// The files exported this session: in browser mode each is a real download (Content-Disposition)
// for as long as the terminal offers it, then marked as no longer downloadable here; in every mode
// the folder on the terminal where the file stays is shown, so a manager can find it later.
import type { ReportExport } from '../../../shared';
import { formatDateTime } from '../../../shared';
import { useNow } from '../../ui/hooks';
import { useTexts } from '../../ui/texts';

/** The folder part of a path written by the main process (POSIX or Windows separators). */
export function folderOf(file: string): string {
  return file.replace(/[\\/][^\\/]*$/, '');
}

const isUrl = (location: string): boolean => /^(https?:|blob:|\/downloads\/)/.test(location);

/** Starts the browser's download of an export (browser mode); Electron already wrote the file. */
export function startDownload(exp: ReportExport): void {
  if (!isUrl(exp.location)) return;
  const a = document.createElement('a');
  a.href = exp.location;
  a.download = exp.fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Electron: hand a file written on this computer to the manager (save dialog, file manager). */
export interface ExportActions {
  saveAs(fileName: string): void;
  showInFolder(fileName: string): void;
}

/** `timeZone`: the shop's, so "valid until" reads as the shop's clock. */
export function ExportList({ exports, timeZone, actions }: { exports: readonly ReportExport[]; timeZone?: string; actions?: ExportActions }) {
  const t = useTexts();
  const tr = t.reports;
  const now = useNow(15_000);
  const saved = exports.map((x) => x.savedTo ?? (isUrl(x.location) ? null : x.location)).find((p): p is string => Boolean(p));
  return (
    <section className="card rp-card" aria-labelledby="rp-exp-h">
      <h3 id="rp-exp-h">{tr.exported}</h3>
      {saved ? (
        <p className="muted rp-small" data-testid="exports-folder">
          {tr.savedIn} <code>{folderOf(saved)}</code>
        </p>
      ) : null}
      <ul className="rp-files" data-testid="exports">
        {exports.map((x) => {
          const until = x.availableUntil ? Date.parse(x.availableUntil) : null;
          const fetchable = isUrl(x.location) && (until === null || until > now);
          const size = `${Math.max(1, Math.round(x.bytes / 1024))} KB`;
          return (
            <li key={x.location} data-fetchable={fetchable ? 'yes' : 'no'}>
              {fetchable ? (
                <a href={x.location} download={x.fileName} data-testid="export-link">
                  {x.fileName}
                </a>
              ) : (
                <strong>{x.fileName}</strong>
              )}
              {actions && !isUrl(x.location) ? (
                <>
                  {' '}
                  <button type="button" className="btn small" data-testid="export-save-as" onClick={() => actions.saveAs(x.fileName)}>
                    {tr.saveAs}
                  </button>{' '}
                  <button type="button" className="btn small" data-testid="export-show-folder" onClick={() => actions.showInFolder(x.fileName)}>
                    {tr.showInFolder}
                  </button>
                </>
              ) : null}
              <span className="muted rp-small">
                {' '}
                · {size}
                {until !== null ? ` · ${fetchable ? tr.validUntil(formatDateTime(t.language, new Date(until).toISOString(), timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, 'hm')) : tr.linkExpired}` : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
