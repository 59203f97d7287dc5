const fs = require("node:fs");
const { stat } = require("node:fs/promises");

// The stat may reject before the loop starts: the stream is never read
// nor destroyed.
async function sizeAndBytes(path, other) {
  const stream = fs.createReadStream(path); // want "resource-not-closed: fs.createReadStream\(\) is read by the for await loop on line 9, but the await \(which may reject\) on line 8 comes first"
  const { size } = await stat(other);
  for await (const chunk of stream) {
    if (chunk.length > size) break;
  }
}

// A return before the loop.
async function head(path, limit) {
  const stream = fs.createReadStream(path, { end: limit }); // want "resource-not-closed: .*the return on line 17"
  if (limit <= 0) return "";
  let out = "";
  for await (const chunk of stream) out += chunk;
  return out;
}

module.exports = { sizeAndBytes, head };
