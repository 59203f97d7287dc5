import { useEffect, useState } from "react";
import raf from "rc-util/lib/raf";

// A frame loop through rc-util's raf wrapper, never cancelled.
export function Spinner() {
  const [angle, setAngle] = useState(0);
  useEffect(() => {
    const step = () => {
      setAngle((a) => (a + 6) % 360);
      raf(step); // want "timer-not-cleared: requestAnimationFrame loop in step\(\) keeps running after the effect ends; keep the latest frame id and call raf.cancel on it"
    };
    raf(step);
  }, []);
  return <div style={{ transform: `rotate(${angle}deg)` }} />;
}

// The same loop with the latest frame id cancelled on unmount.
export function Pulse() {
  const [on, setOn] = useState(false);
  useEffect(() => {
    let id;
    const step = () => {
      setOn((v) => !v);
      id = raf(step);
    };
    id = raf(step);
    return () => raf.cancel(id);
  }, []);
  return <i data-on={on} />;
}

// A local function that happens to be called raf is no timer.
function rafLocal(fn) {
  return fn();
}
export function Local() {
  useEffect(() => {
    const step = () => rafLocal(step);
  }, []);
  return null;
}
