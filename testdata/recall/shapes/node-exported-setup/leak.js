// Shape: node-exported-setup (issue 13, item 6). An Electron main-process
// module exports a setup function that the app calls for every window it
// opens. Each call adds listeners to singletons other modules own (the
// settings store, ipcMain), and their handlers keep the window alive after
// it is closed. leakwatch reports listener-added-per-call at each "<- leak".
const settings = require("./settings");
const { ipcMain } = require("electron");

module.exports = (win) => {
  settings.on("change", (key, value) => win.webContents.send("settings", key, value)); // <- leak
  ipcMain.on("window:minimize", () => win.minimize()); // <- leak
};
