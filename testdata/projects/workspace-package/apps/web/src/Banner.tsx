import { useEffect } from "react";
import { listen } from "@acme/ui";
import { watch } from "lib";

export function Banner({ onScroll }: { onScroll: EventListener }) {
  useEffect(() => {
    listen(window, "scroll", onScroll); // want "listener-not-removed"
    // A package in node_modules is never read: unknown, so not reported.
    watch(window, "keydown", onScroll);
  }, [onScroll]);
  return null;
}
