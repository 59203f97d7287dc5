// A flag named for what became ready counts only for the branch that runs
// before it is set: what is added once the worker is ready grows for the
// life of the app.
const { app, ipcMain } = require("electron");
const windows = require("./windows");

const delivered = [];

ipcMain.on("to-worker", (event, name, ...args) => {
  if (app.ipcReadyWorker) {
    windows.worker.send(name, ...args);
    delivered.push({ name, args }); // want "unbounded-cache: module-level array .delivered. only grows"
  }
});
