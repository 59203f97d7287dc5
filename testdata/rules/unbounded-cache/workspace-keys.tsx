// A key with a document id beside the workspace's grows with every
// document the user opens, in a client too.
import { useEffect, useState } from "react";

declare function loadTitle(workspaceId: string, docId: string): Promise<string>;

const titles = new Map<string, string>();

export function DocTitle({ workspaceId, docId }: { workspaceId: string; docId: string }) {
  const [title, setTitle] = useState("");
  useEffect(() => {
    loadTitle(workspaceId, docId).then((t) => {
      titles.set(`${workspaceId}:${docId}`, t); // want "unbounded-cache: module-level Map `titles` only grows: the callback passed to .then\(\) adds an entry for every new key \(keyed by `docId`\)"
      setTitle(t);
    });
  }, [workspaceId, docId]);
  return <span>{title}</span>;
}
