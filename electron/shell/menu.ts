// The application menu: the usual roles plus the two windows.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(actions: { showCashier: () => void; showDisplay: () => void }): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [{ role: process.platform === 'darwin' ? 'close' : 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'Window',
      submenu: [
        { label: 'Cashier', accelerator: 'CmdOrCtrl+1', click: actions.showCashier },
        { label: 'Customer display', accelerator: 'CmdOrCtrl+2', click: actions.showDisplay },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'minimize' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
