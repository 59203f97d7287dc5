// Shape: timer-raf-wrapper, cleaned: the latest frame id is kept and cancelled
// with raf.cancel on unmount.
import { useEffect, useState } from "react";
import raf from "rc-util/lib/raf";

export function Spinner() {
  const [angle, setAngle] = useState(0);
  useEffect(() => {
    let id;
    const step = () => {
      setAngle((a) => (a + 6) % 360);
      id = raf(step);
    };
    id = raf(step);
    return () => raf.cancel(id);
  }, []);
  return <div style={{ transform: `rotate(${angle}deg)` }} />;
}
