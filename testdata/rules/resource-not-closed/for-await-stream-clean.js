const fs = require("node:fs");
const { stat } = require("node:fs/promises");

// Leaving the loop early destroys the stream: the iterator does it.
async function firstChunk(path) {
  const stream = fs.createReadStream(path);
  for await (const chunk of stream) {
    return chunk;
  }
  return null;
}

// Opened after the await, just before the loop.
async function sizeAndBytes(path, other) {
  const { size } = await stat(other);
  const stream = fs.createReadStream(path);
  let n = 0;
  for await (const chunk of stream) n += chunk.length;
  return n + size;
}

// Destroyed in finally.
async function checked(path, other) {
  const stream = fs.createReadStream(path);
  try {
    await stat(other);
    for await (const chunk of stream) if (!chunk.length) throw new Error("empty");
  } finally {
    stream.destroy();
  }
}

module.exports = { firstChunk, sizeAndBytes, checked };
