// React function component: a clock that ticks every second.
import { useEffect, useState } from "react";

export function Clock({ locale = "en-US" }) {
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);

  return <time dateTime={now.toISOString()}>{now.toLocaleTimeString(locale)}</time>;
}
