// Shape: node-exported-setup, fixed: the listeners are removed when the
// window is closed.
const settings = require("./settings");
const { ipcMain } = require("electron");

module.exports = (win) => {
  const onChange = (key, value) => win.webContents.send("settings", key, value);
  const onMinimize = () => win.minimize();
  settings.on("change", onChange);
  ipcMain.on("window:minimize", onMinimize);
  win.on("closed", () => {
    settings.off("change", onChange);
    ipcMain.removeListener("window:minimize", onMinimize);
  });
};
