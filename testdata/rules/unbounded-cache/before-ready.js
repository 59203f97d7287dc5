// Queued after the app is ready, or under a check that is not about
// readiness: the queue grows with every event for the life of the app.
import { app } from "electron";
import { isWorkspaceReady, openInWorkspace } from "./workspace";

const openedFiles = [];

app.on("open-file", (event, filePath) => {
  if (isWorkspaceReady()) {
    openedFiles.push(filePath); // want "unbounded-cache: module-level array `openedFiles` only grows: the callback passed to app.on\(\) adds an element on every call"
    openInWorkspace([filePath]);
  }
});

const skipped = [];

app.on("open-url", (event, url) => {
  if (!url.startsWith("app:")) {
    skipped.push(url); // want "unbounded-cache: module-level array `skipped` only grows: the callback passed to app.on\(\) adds an element on every call"
  }
});

export function skippedCount() {
  return skipped.length + openedFiles.length;
}
