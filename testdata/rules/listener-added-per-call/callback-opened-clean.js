const unzipper = require("./unzipper");

// The archive is handed to the callback of the open this call makes: a new
// one per call, dropped when the call is done, so the "error" once-listener
// that loses the race goes with it.
function firstEntry(path) {
  return new Promise((resolve, reject) => {
    unzipper.open(path, { lazy: true }, (err, archive) => {
      if (err) return reject(err);
      archive.next();
      archive.once("entry", (entry) => {
        archive.close();
        resolve(entry.name);
      });
      archive.once("error", reject);
    });
  });
}

module.exports = { firstEntry };
