// Node: appends audit entries to a log file.
import fs from "node:fs";

export function appendAudit(file, entry) {
  // Leak: the file descriptor is never closed; after a few thousand calls
  // the process hits EMFILE (too many open files).
  const fd = fs.openSync(file, "a");
  fs.writeSync(fd, JSON.stringify({ ...entry, at: new Date().toISOString() }) + "\n");
}
