// Files the OS asks to open before the app is ready are queued and handed
// over once it is; afterwards they go straight to the workspace.
import { app } from "electron";
import { isWorkspaceReady, openInWorkspace } from "./workspace";

const filesBeforeReady = [];
let started = false;

app.on("open-file", (event, filePath) => {
  event.preventDefault();
  if (isWorkspaceReady()) {
    openInWorkspace([filePath]);
  } else {
    filesBeforeReady.push(filePath);
  }
});

const urlsBeforeStart = [];

app.on("open-url", (event, url) => {
  if (!started) {
    urlsBeforeStart.push(url);
    return;
  }
  openInWorkspace([url]);
});

app.whenReady().then(() => {
  started = true;
  openInWorkspace([...filesBeforeReady, ...urlsBeforeStart]);
});
