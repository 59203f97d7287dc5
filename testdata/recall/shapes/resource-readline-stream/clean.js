// Shape: resource-readline-stream, fixed: the file stream is destroyed in
// finally, whichever way the loop ends.
const fs = require("node:fs");
const readline = require("node:readline");

async function firstError(logPath) {
  const input = fs.createReadStream(logPath);
  const rl = readline.createInterface({ input });
  try {
    for await (const line of rl) {
      if (line.includes("ERROR")) return line;
    }
    return undefined;
  } finally {
    input.destroy();
  }
}

module.exports = { firstError };
