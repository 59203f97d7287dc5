// Messages for the worker window are queued until that window says it is
// ready; the flag is named for what became ready, and once it is set
// nothing is queued any more.
const { app, ipcMain } = require("electron");
const windows = require("./windows");

const pendingForWorker = [];

function init() {
  ipcMain.once("worker-ready", () => {
    app.ipcReadyWorker = true;
    for (const m of pendingForWorker) windows.worker.send(m.name, ...m.args);
  });

  ipcMain.on("to-worker", (event, name, ...args) => {
    if (event.sender === windows.worker.webContents) {
      windows.main.send(name, ...args);
    } else if (app.ipcReadyWorker) {
      windows.worker.send(name, ...args);
    } else {
      pendingForWorker.push({ name, args });
    }
  });
}

module.exports = { init };
