// File utilities that close, hand on or consume everything they open: nothing here is reported.
import fs, { createReadStream, createWriteStream, openSync, closeSync } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { finished, Readable } from "node:stream";
import readline from "node:readline";
import zlib from "node:zlib";
import http from "node:http";

// A process-wide log stream opened at startup.
const auditLog = createWriteStream("audit.log", { flags: "a" });

export function readMagic(file) {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(4);
    fs.readSync(fd, buf, 0, 4, 0);
    return buf.toString("hex");
  } finally {
    closeSync(fd);
  }
}

export async function appendRecord(file, record) {
  const handle = await open(file, "a");
  try {
    await handle.appendFile(JSON.stringify(record) + "\n");
  } finally {
    await handle.close();
  }
}

// The caller owns what is returned.
export function openForAppend(file) {
  const fd = fs.openSync(file, "a");
  return fd;
}

export async function openHandle(file) {
  return open(file, "r+");
}

// Touching a file: closed in the same expression.
export function touch(file) {
  closeSync(openSync(file, "a"));
}

// Streams consumed by pipe, pipeline, for await, readline, web streams and finished().
export function gzipFile(src, dest, cb) {
  createReadStream(src).pipe(zlib.createGzip()).pipe(createWriteStream(dest)).on("finish", cb);
}

export async function copy(src, dest) {
  await pipeline(createReadStream(src), createWriteStream(dest));
}

export async function countLines(file) {
  let lines = 0;
  const input = createReadStream(file);
  for await (const chunk of input) {
    for (const byte of chunk) if (byte === 10) lines++;
  }
  return lines;
}

export async function grep(file, needle) {
  const rl = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const hits = [];
  for await (const line of rl) if (line.includes(needle)) hits.push(line);
  return hits;
}

export function toWebStream(file) {
  const stream = createReadStream(file);
  return Readable.toWeb(stream);
}

export function hashFile(file, hash, done) {
  const stream = createReadStream(file);
  stream.on("data", (chunk) => hash.update(chunk));
  stream.on("end", () => done(hash.digest("hex")));
}

export function writeAll(file, rows, done) {
  const out = createWriteStream(file);
  for (const row of rows) out.write(row + "\n");
  out.end();
  finished(out, done);
}

export function serveFile(res, file) {
  const stream = fs.createReadStream(file);
  stream.on("error", () => {
    res.statusCode = 404;
    res.end();
  });
  stream.pipe(res);
}

// The descriptor is handed to a stream that closes it (autoClose).
export function streamFromFd(file) {
  const fd = fs.openSync(file, "r");
  return fs.createReadStream(null, { fd });
}

// Closed in the callback chain.
export function readPrefix(file, cb) {
  fs.open(file, "r", (err, fd) => {
    if (err) return cb(err);
    const buf = Buffer.alloc(16);
    fs.read(fd, buf, 0, 16, 0, (rerr) => {
      fs.close(fd, () => cb(rerr, buf));
    });
  });
}

// Closed when the stream that writes through it finishes.
export function writeVia(file, data) {
  const fd = fs.openSync(file, "w");
  const out = fs.createWriteStream(null, { fd, autoClose: false });
  out.on("finish", () => fs.closeSync(fd));
  out.end(data);
}

// A FileHandle's own stream closes it at the end.
export async function streamHandle(file, res) {
  const handle = await open(file);
  handle.createReadStream().pipe(res);
}

// A chain of listener calls hands back the stream, which the caller gets.
export function openLog(file, onOpen) {
  const dest = createWriteStream(file, { flags: "a" })
    .on("error", (err) => console.error(err))
    .on("open", onOpen);
  return dest;
}

export function writeOnce(file, text) {
  const out = createWriteStream(file).on("error", () => {});
  out.end(text);
}

// A logger that keeps its descriptor for the life of the returned function.
export function createLogger(file) {
  const fd = fs.openSync(file, "a");
  return (msg) => fs.writeSync(fd, `${new Date().toISOString()} ${msg}\n`);
}

// An exit only when the open failed.
export function maybeRead(file) {
  const fd = tryOpen(file);
  if (fd === undefined) return null;
  const buf = Buffer.alloc(8);
  fs.readSync(fd, buf, 0, 8, 0);
  fs.closeSync(fd);
  return buf;
}

function tryOpen(file) {
  try {
    return fs.openSync(file, "r");
  } catch {
    return undefined;
  }
}

// Kept on an object the caller gets.
export class RotatingFile {
  constructor(file) {
    this.fd = fs.openSync(file, "a");
  }

  write(line) {
    fs.writeSync(this.fd, line);
    auditLog.write(line);
  }
}

http.createServer((req, res) => {
  const stream = createReadStream("index.html");
  stream.pipe(res);
}).listen(8080);
