import React, { useEffect, useRef, useState } from "react";
import { useUnmountEffect } from "./hooks";

// The hold-to-repeat chain, cleared by an unmount hook.
export function Stepper({ onStep }) {
  const timer = useRef(null);

  const repeat = (delay) => {
    timer.current = setTimeout(() => {
      onStep();
      repeat(40);
    }, delay);
  };

  const stop = () => clearTimeout(timer.current);

  useUnmountEffect(() => {
    stop();
  });

  return (
    <button onMouseDown={() => repeat(500)} onMouseUp={stop}>
      +
    </button>
  );
}

// Cleared in the cleanup an effect returns.
export const Spinner = () => {
  const frame = useRef(0);
  const spin = () => {
    frame.current = requestAnimationFrame(() => spin());
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  return <i onMouseEnter={spin} />;
};

// Stopped by a flag the effect's cleanup sets.
export function Poller({ load }) {
  const alive = useRef(true);
  useEffect(() => {
    return () => {
      alive.current = false;
    };
  }, []);
  const poll = () => {
    if (!alive.current) return;
    load();
    setTimeout(poll, 5000);
  };
  return <button onClick={poll}>Watch</button>;
}

// A chain that stops on its own.
export function Counter() {
  const [n, setN] = useState(3);
  const count = (left) => {
    setN(left);
    if (left > 0) setTimeout(() => count(left - 1), 1000);
  };
  return <button onClick={() => count(3)}>{n}</button>;
}

// A one-shot timeout in a handler is no loop.
export function Toast({ onHide }) {
  const show = () => setTimeout(onHide, 3000);
  return <button onClick={show}>Save</button>;
}

// A lower-case function is a hook or helper, not a component.
export function useTicker(cb) {
  const tick = () => {
    cb();
    setTimeout(tick, 1000);
  };
  return tick;
}
