// Exported reports in the desktop app: "Save as…" (Electron's save dialog, then a copy; the original
// stays in the data folder's exports/) and "Show in folder" (the OS file manager with the file
// selected). Takes the Electron pieces as arguments (only `import type` here), so it is tested in plain
// Node with stand-ins, like pdf-printer.ts.
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExportFiles } from '../app/ports';

export interface SaveDialog {
  showSaveDialog(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string | undefined }>;
}
export interface FileManager {
  showItemInFolder(fullPath: string): void;
}

export interface ExportFilesDeps {
  dialog: SaveDialog;
  shell: FileManager;
  /** Where the dialog opens first (Electron: app.getPath('downloads')). */
  defaultDir: () => string;
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.csv': { name: 'CSV (spreadsheet)', extensions: ['csv'] },
  '.pdf': { name: 'PDF', extensions: ['pdf'] },
};

export function createExportFiles(deps: ExportFilesDeps): ExportFiles {
  return {
    async saveAs(file, suggestedName) {
      const filter = FILTERS[path.extname(suggestedName).toLowerCase()];
      const answer = await deps.dialog.showSaveDialog({
        title: 'Save the report',
        defaultPath: path.join(deps.defaultDir(), suggestedName),
        filters: filter ? [filter] : [],
      });
      if (answer.canceled || !answer.filePath) return null;
      // Never onto itself: the exports folder keeps its own copy.
      if (path.resolve(answer.filePath) === path.resolve(file)) return file;
      await copyFile(file, answer.filePath);
      return answer.filePath;
    },
    showInFolder(file) {
      deps.shell.showItemInFolder(file);
    },
  };
}
