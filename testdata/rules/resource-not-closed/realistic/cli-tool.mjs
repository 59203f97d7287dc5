#!/usr/bin/env node
// A log-crunching CLI: reads, filters, compresses and writes files.
import { createReadStream, createWriteStream, openSync, closeSync, writeSync, fstatSync } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { createGzip } from "node:zlib";
import path from "node:path";

async function countMatches(file, pattern) {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) if (pattern.test(line)) n++;
  return n;
}

async function compress(file) {
  await pipeline(createReadStream(file), createGzip(), createWriteStream(`${file}.gz`));
}

async function filterFile(src, dest, pattern) {
  const keep = new Transform({
    transform(chunk, _enc, cb) {
      cb(null, chunk.toString().split("\n").filter((l) => pattern.test(l)).join("\n"));
    },
  });
  await pipeline(createReadStream(src), keep, createWriteStream(dest));
}

async function tail(file, bytes) {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - bytes);
    const buf = Buffer.alloc(size - start);
    await handle.read(buf, 0, buf.length, start);
    return buf.toString("utf8");
  } finally {
    await handle.close();
  }
}

function writeReport(file, lines) {
  const fd = openSync(file, "w");
  try {
    for (const line of lines) writeSync(fd, line + "\n");
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

async function main(argv) {
  const [dir, expr] = argv;
  const pattern = new RegExp(expr);
  const report = [];
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (!(await stat(file)).isFile()) continue;
    report.push(`${name}\t${await countMatches(file, pattern)}`);
    if (name.endsWith(".log")) {
      await filterFile(file, `${file}.matches`, pattern);
      await compress(file);
    }
  }
  const size = writeReport(path.join(dir, "report.tsv"), report);
  process.stdout.write(`${size} bytes\n${await tail(path.join(dir, "report.tsv"), 200)}`);
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
