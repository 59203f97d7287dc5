const bus = require("./bus");
const { ipcMain } = require("electron");

// Called once per window by whoever requires this file: each call adds
// listeners to singletons of other modules, and their handlers keep the
// window alive after it closes.
module.exports = (win) => {
  bus.on("theme", (theme) => win.webContents.send("theme", theme)); // want "listener-added-per-call: .theme. listener on bus is added on each call of the exported function"
  ipcMain.on("ping", () => win.webContents.send("pong")); // want "listener-added-per-call"
};

// A named export does the same per plugin host.
exports.attachHost = function attachHost(host) {
  const onReload = () => host.reload();
  bus.on("reload", onReload); // want "listener-added-per-call: .reload. listener on bus is added on each call of the exported attachHost"
};
