const fs = require("node:fs");
const readline = require("node:readline");

// Destroyed in finally, however the loop ends.
async function findUser(path, name) {
  const input = fs.createReadStream(path);
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      if (line.startsWith(name + ":")) return line;
    }
    return null;
  } finally {
    input.destroy();
  }
}

// Read to the end: the stream closes itself there.
async function countLines(path) {
  const rl = readline.createInterface({ input: fs.createReadStream(path) });
  let n = 0;
  for await (const line of rl) {
    if (line) n++;
  }
  return n;
}

// A break of an inner loop does not leave the file early.
async function widest(path) {
  const rl = readline.createInterface({ input: fs.createReadStream(path) });
  let max = 0;
  for await (const line of rl) {
    for (const cell of line.split(",")) {
      if (!cell) break;
      max = Math.max(max, cell.length);
    }
  }
  return max;
}

module.exports = { findUser, countLines, widest };
