const bus = require("./bus");
const { ipcMain } = require("electron");

// Removed when the window closes.
module.exports = (win) => {
  const onTheme = (theme) => win.webContents.send("theme", theme);
  bus.on("theme", onTheme);
  win.on("closed", () => bus.off("theme", onTheme));
};

// Listeners on the instance itself go with it.
exports.track = (win) => {
  win.on("focus", () => bus.emit("focused", win.id));
};

// A handler that keeps nothing of the instance.
exports.logThemes = (win) => {
  bus.on("theme", (theme) => console.log("theme", theme));
  return win;
};

// Named for start-up: called once by the main process.
exports.setupIpc = function setupIpc(app) {
  ipcMain.on("quit", () => app.quit());
};

// A mixin that extends a module's namespace, called once by its index.
module.exports.extend = function (Posts) {
  bus.on("post:edit", (pid) => Posts.clearCache(pid));
  Posts.edit = async function (data) {
    return data;
  };
};

// The same with a lower-case namespace that gets methods assigned.
module.exports.extendUsers = function (users) {
  bus.on("user:edit", (uid) => users.clearCache(uid));
  users.rename = (uid, name) => ({ uid, name });
};
