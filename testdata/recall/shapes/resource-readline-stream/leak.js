// Shape: resource-readline-stream (issue 13, item 8). A log search reads a
// file through readline and stops at the first hit. Leaving the for await
// loop closes the readline interface but not the file stream under it, so
// every search that finds something leaks a file descriptor. leakwatch
// reports resource-not-closed at "<- leak".
const fs = require("node:fs");
const readline = require("node:readline");

async function firstError(logPath) {
  const rl = readline.createInterface({ input: fs.createReadStream(logPath) }); // <- leak
  for await (const line of rl) {
    if (line.includes("ERROR")) return line;
  }
  return undefined;
}

module.exports = { firstError };
