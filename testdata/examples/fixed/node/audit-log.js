// Node: appends audit entries to a log file.
import fs from "node:fs";

export function appendAudit(file, entry) {
  const fd = fs.openSync(file, "a");
  try {
    fs.writeSync(fd, JSON.stringify({ ...entry, at: new Date().toISOString() }) + "\n");
  } finally {
    fs.closeSync(fd);
  }
}
