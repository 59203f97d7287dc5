import React, { forwardRef, memo, useEffect, useRef } from "react";

// Holding the button runs a timeout chain that re-arms itself until
// mouseup; nothing stops it when the stepper unmounts mid-press.
export const Stepper = memo(
  forwardRef(function Stepper({ onStep }, ref) {
    const timer = useRef(null);

    const repeat = (delay) => {
      timer.current = setTimeout(() => { // want "timer-not-cleared: setTimeout re-arms repeat\(\) on every run, so the loop keeps running after the component ends; timer.current holds the latest timeout id: call clearTimeout\(timer.current\) in the cleanup function of an effect that runs on unmount"
        onStep();
        repeat(40);
      }, delay);
    };

    const stop = () => clearTimeout(timer.current);

    useEffect(() => {
      ref.current = { stop };
    }, [ref]);

    return (
      <button onMouseDown={() => repeat(500)} onMouseUp={stop}>
        +
      </button>
    );
  })
);

// A countdown started by a click that never stops re-arming.
export function Cooldown() {
  const [left, setLeft] = React.useState(0);

  const onClick = () => {
    setLeft(15);
    const tick = () => {
      setTimeout(() => { // want "timer-not-cleared: setTimeout re-arms tick\(\)"
        setLeft((n) => Math.max(n - 1, 0));
        tick();
      }, 1000);
    };
    tick();
  };

  return <button onClick={onClick}>{left || "Go"}</button>;
}

// The helper is also a click handler, so it is not the effect's alone; but
// whoever starts it, the loop outlives the component.
export function Pulse() {
  const [n, setN] = React.useState(0);

  function pulse() {
    setN((x) => x + 1);
    setTimeout(pulse, 1000); // want "timer-not-cleared: setTimeout re-arms pulse\(\)"
  }

  useEffect(() => {
    pulse();
  }, []);

  return <button onClick={pulse}>{n}</button>;
}
