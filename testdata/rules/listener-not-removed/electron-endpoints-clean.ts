// Main-process services answer the renderer's requests on ipcMain, one
// handler per channel: a second instance would answer each request twice,
// so a service that registers one is made once, at startup.
import { ipcMain } from "electron";
import * as electron from "electron";

export class SettingsService {
  private values = new Map<string, unknown>();

  constructor() {
    ipcMain.on("settings-get", (event, key: string) => {
      event.returnValue = this.values.get(key);
    });
    electron.ipcMain.on("settings-set", (_event, key: string, value: unknown) => {
      this.values.set(key, value);
    });
  }

  shutdown(): void {
    this.values.clear();
  }
}
