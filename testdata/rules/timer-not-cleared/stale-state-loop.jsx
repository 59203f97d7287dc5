import { useEffect, useState } from "react";

// The loop re-arms the tick of the render that started it, which sees that
// render's `shown` for ever: setShown changes the next render's value, not
// this one's, so the comparison never turns and the loop never ends.
export function Typewriter({ text }) {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    const tick = () => {
      setShown((s) => s + 1);
      if (shown < 40) setTimeout(tick, 80); // want "timer-not-cleared: setTimeout re-arms tick\(\) on every run, so the loop keeps running after the effect ends"
    };
    tick();
  }, []);
  return <span>{text.slice(0, shown)}</span>;
}
