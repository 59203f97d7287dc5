// owners.listenerPairs in .leakwatch.json makes listen/unlisten and
// bind/unbind listener APIs; without it neither is a listener call.
import { useEffect } from "react";

export function Route({ router, keys, onChange }) {
  useEffect(() => {
    router.listen("change", onChange); // want "listener-not-removed"
  }, []);
  useEffect(() => {
    router.listen("leave", onChange);
    return () => router.unlisten("leave", onChange);
  }, []);
  useEffect(() => {
    keys.bind("esc", onChange); // want "listener-not-removed"
  }, []);
  useEffect(() => {
    keys.bind("enter", onChange);
    return () => keys.unbind("enter", onChange);
  }, []);
}
