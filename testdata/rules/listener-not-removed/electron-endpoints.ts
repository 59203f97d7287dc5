// A window's controller listens on ipcMain for a channel it is handed:
// one listener per window, and a closed window's stays with its closure.
import { ipcMain, BrowserWindow } from "electron";

export class WindowController {
  constructor(private win: BrowserWindow, channel: string) {
    ipcMain.on(channel, () => this.win.focus()); // want "listener-not-removed: `channel` listener added to ipcMain is never removed; call off in dispose"
  }

  dispose(): void {
    this.win.destroy();
  }
}
