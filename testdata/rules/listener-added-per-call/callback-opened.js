const unzipper = require("./unzipper");

// The twin of callback-opened-clean.js: the race is on the reader the
// caller passes, inside the open callback. The reader outlives the call,
// so each call leaves its "error" once-listener on it.
function firstEntryWith(reader, path) {
  return new Promise((resolve, reject) => {
    unzipper.open(path, { lazy: true }, (err) => {
      if (err) return reject(err);
      reader.once("entry", (entry) => resolve(entry.name));
      reader.once("error", reject); // want "listener-added-per-call: .error. once-listener on reader races the .entry. one"
    });
  });
}

module.exports = { firstEntryWith };
