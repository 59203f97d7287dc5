import { useEffect } from "react";

// Mounted by index.tsx, but under another name than the one it exports by
// default: only what the entry mounts is the root.
export function Panel() {
  useEffect(() => {
    window.addEventListener("online", () => location.reload()); // want "listener-not-removed"
  }, []);
  return <p />;
}

export default function Dashboard() {
  return <Panel />;
}
