import { useEffect } from "react";
import { listen } from "@acme/ui";

export function Banner({ onScroll }: { onScroll: EventListener }) {
  useEffect(() => listen(window, "scroll", onScroll), [onScroll]);
  return null;
}
