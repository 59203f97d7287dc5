// The same endpoints in CommonJS: ipcMain from require("electron"),
// destructured, renamed or read off the module.
const { ipcMain } = require("electron");
const { ipcMain: bus } = require("electron");
const electron = require("electron");

class SessionManager {
  constructor() {
    this.sessions = new Map();
    ipcMain.on("session:input", (event, id, data) => this.sessions.get(id)?.write(data));
    bus.on("session:kill", (event, id) => this.sessions.delete(id));
    electron.ipcMain.on("session:list", (event) => {
      event.returnValue = [...this.sessions.keys()];
    });
  }

  cleanup() {
    this.sessions.clear();
  }
}

module.exports = SessionManager;
