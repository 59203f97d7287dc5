// File-processing helpers of a build tool, with the descriptor and stream leaks they shipped with.
const fs = require("fs");
const fsp = require("fs/promises");
const path = require("path");
const { createHash } = require("crypto");

// Reads a file's magic number; the descriptor is never closed.
function readMagic(file) {
  const fd = fs.openSync(file, "r"); // want "resource-not-closed"
  const buf = Buffer.alloc(4);
  fs.readSync(fd, buf, 0, 4, 0);
  return buf.toString("hex");
}

// Closes on the happy path, but returns early for small files first.
function readHeader(file, size) {
  const fd = fs.openSync(file, "r"); // want "resource-not-closed"
  const { size: actual } = fs.fstatSync(fd);
  if (actual < size) {
    return null;
  }
  const header = Buffer.alloc(size);
  fs.readSync(fd, header, 0, size, 0);
  fs.closeSync(fd);
  return header;
}

// FileHandle never closed.
async function firstLine(file) {
  const handle = await fsp.open(file, "r"); // want "resource-not-closed"
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
  return buffer.subarray(0, bytesRead).toString("utf8").split("\n")[0];
}

// FileHandle closed only when nothing goes wrong.
async function appendRecord(file, record) {
  const handle = await fs.promises.open(file, "a"); // want "resource-not-closed"
  await handle.appendFile(JSON.stringify(record) + "\n");
  await handle.sync();
  await handle.close();
}

// Callback API: the descriptor from fs.open is never closed.
function checksum(file, cb) {
  fs.open(file, "r", (err, fd) => { // want "resource-not-closed"
    if (err) return cb(err);
    const buf = Buffer.alloc(64 * 1024);
    fs.read(fd, buf, 0, buf.length, 0, (rerr, n) => {
      if (rerr) return cb(rerr);
      cb(null, createHash("sha1").update(buf.subarray(0, n)).digest("hex"));
    });
  });
}

// A log line written through a fresh stream on every call, never ended.
function logBuild(dir, line) {
  fs.createWriteStream(path.join(dir, "build.log"), { flags: "a" }).write(line + "\n"); // want "resource-not-closed"
}

// Listener calls return the stream: still written once and never ended.
function appendAudit(dir, entry) {
  fs.createWriteStream(path.join(dir, "audit.log"), { flags: "a" }) // want "resource-not-closed"
    .on("error", (err) => console.error(err))
    .write(JSON.stringify(entry) + "\n");
}

// A write stream written to and never ended.
function writeManifest(dir, entries) {
  const out = fs.createWriteStream(path.join(dir, "manifest.txt")); // want "resource-not-closed"
  for (const e of entries) {
    out.write(`${e.name}\t${e.size}\n`);
  }
}

// A read stream opened to check the file exists, then forgotten.
function assertReadable(file) {
  const stream = fs.createReadStream(file); // want "resource-not-closed"
  stream.on("error", (err) => {
    throw new Error(`cannot read ${file}: ${err.message}`);
  });
}

// A descriptor passed straight to a function that only borrows it.
function touchAndWrite(file, data) {
  fs.writeSync(fs.openSync(file, "w"), data); // want "resource-not-closed"
}

// A lock file opened and dropped.
function lock(dir) {
  fs.openSync(path.join(dir, ".lock"), "wx"); // want "resource-not-closed"
}

module.exports = { appendAudit, readMagic, readHeader, firstLine, appendRecord, checksum, logBuild, writeManifest, assertReadable, touchAndWrite, lock };
