// React function component: a clock that ticks every second.
import { useEffect, useState } from "react";

export function Clock({ locale = "en-US" }) {
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    // Leak: the interval is never cleared, so it keeps ticking (and calling
    // setNow on an unmounted component) forever.
    setInterval(() => setNow(new Date()), 1000);
  }, []);

  return <time dateTime={now.toISOString()}>{now.toLocaleTimeString(locale)}</time>;
}
