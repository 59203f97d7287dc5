// React custom hook: the current window width, updated on resize.
import { useEffect, useState } from "react";

export function useWindowWidth() {
  const [width, setWidth] = useState(() => window.innerWidth);

  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    // Leak: never removed, so every mount adds one more listener to window,
    // and each keeps its unmounted component's state setter alive.
    window.addEventListener("resize", onResize);
  }, []);

  return width;
}
