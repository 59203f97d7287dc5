// Shape: timer-raf-wrapper (from the issue; no mined pair). rc-util-style
// raf(fn) wrappers schedule animation frames like requestAnimationFrame and are
// cancelled with raf.cancel(id); a frame loop started in an effect with no
// cancel keeps the component alive. leakwatch should report timer-not-cleared
// at "<- leak".
import { useEffect, useState } from "react";
import raf from "rc-util/lib/raf";

export function Spinner() {
  const [angle, setAngle] = useState(0);
  useEffect(() => {
    const step = () => {
      setAngle((a) => (a + 6) % 360);
      raf(step); // <- leak
    };
    raf(step);
  }, []);
  return <div style={{ transform: `rotate(${angle}deg)` }} />;
}
