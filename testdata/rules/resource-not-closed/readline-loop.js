const fs = require("node:fs");
const readline = require("node:readline");

// Returns at the first match: readline closes, its input stays open.
async function findUser(path, name) {
  const rl = readline.createInterface({ input: fs.createReadStream(path), crlfDelay: Infinity }); // want "resource-not-closed: fs.createReadStream\(\) handed to readline stays open when the for await loop over its lines ends early \(the return on line 8\)"
  for await (const line of rl) {
    if (line.startsWith(name + ":")) return line;
  }
  return null;
}

// An await in the loop that rejects ends it too.
async function importRows(path, db) {
  const input = fs.createReadStream(path); // want "resource-not-closed: .*the await \(which may reject\)"
  const rl = readline.createInterface({ input });
  for await (const line of rl) {
    await db.insert(JSON.parse(line));
  }
}

module.exports = { findUser, importRows };
