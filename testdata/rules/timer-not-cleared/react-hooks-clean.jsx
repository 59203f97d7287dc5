import React, { useEffect, useLayoutEffect, useRef, useState } from "react";

export function Clock() {
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);

  return <time>{now.toLocaleTimeString()}</time>;
}

// Dan Abramov's useInterval: the id lives in the effect, the callback in a ref.
export function useInterval(callback, delay) {
  const savedCallback = useRef(callback);

  useEffect(() => {
    savedCallback.current = callback;
  }, [callback]);

  useEffect(() => {
    if (delay === null) return;
    const id = window.setInterval(() => savedCallback.current(), delay);
    return () => window.clearInterval(id);
  }, [delay]);
}

export function AutoSave({ draft, save }) {
  const timerRef = useRef(null);

  useEffect(() => {
    timerRef.current = setInterval(() => save(draft), 30000);
    return () => {
      if (timerRef.current) clearInterval(timerRef.current);
    };
  }, [draft, save]);

  return null;
}

export function useServerStatus(url) {
  const [status, setStatus] = useState("unknown");

  useEffect(() => {
    let timeoutId;
    function poll() {
      fetch(url).then((r) => setStatus(r.ok ? "up" : "down"));
      timeoutId = setTimeout(poll, 10000);
    }
    poll();
    return () => clearTimeout(timeoutId);
  }, [url]);

  return status;
}

// A flag the loop checks, set by the cleanup.
export function usePoll(load) {
  useEffect(() => {
    let cancelled = false;
    async function poll() {
      await load();
      if (cancelled) return;
      setTimeout(poll, 2000);
    }
    poll();
    return () => {
      cancelled = true;
    };
  }, [load]);
}

export function Spinner({ canvasRef }) {
  useLayoutEffect(() => {
    const ctx = canvasRef.current.getContext("2d");
    let frame = 0;
    const draw = () => {
      ctx.rotate(0.1);
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [canvasRef]);

  return null;
}

// A mounted ref checked by the loop.
export function useAnimation(step) {
  const running = useRef(true);
  useEffect(() => {
    running.current = true;
    const loop = (t) => {
      if (!running.current) return;
      step(t);
      window.requestAnimationFrame(loop);
    };
    window.requestAnimationFrame(loop);
    return () => {
      running.current = false;
    };
  }, [step]);
}

// An AbortSignal the loop checks.
export function useHeartbeat(send) {
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    function beat() {
      if (signal.aborted) return;
      send("ping");
      setTimeout(beat, 15000);
    }
    beat();
    return () => controller.abort();
  }, [send]);
}

// Cleanup through a local helper the returned function calls.
export function Carousel({ slides }) {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const rotation = setInterval(() => setIndex((i) => (i + 1) % slides.length), 4000);
    const stop = () => clearInterval(rotation);
    return () => stop();
  }, [slides.length]);
  return <img src={slides[index]} />;
}

// The returned function is a named local function.
export function Progress() {
  const [p, setP] = useState(0);
  useEffect(() => {
    const timers = [];
    timers.push(setInterval(() => setP((v) => Math.min(100, v + 1)), 100));
    function cleanup() {
      timers.forEach(clearInterval);
    }
    return cleanup;
  }, []);
  return <progress value={p} max={100} />;
}

// A one-shot timeout is not a leak here.
export function Toast({ onClose }) {
  useEffect(() => {
    setTimeout(onClose, 3000);
  }, [onClose]);
  return <div role="status" />;
}

// An interval that clears itself after a few runs.
export function Retry({ attempt }) {
  useEffect(() => {
    let n = 0;
    const id = setInterval(() => {
      n += 1;
      if (n >= 3 || attempt()) clearInterval(id);
    }, 1000);
  }, [attempt]);
  return null;
}

// Not React's setInterval: a state setter that shares the name.
export function IntervalPicker() {
  const [interval, setInterval] = useState(1000);
  useEffect(() => {
    setInterval(500);
  }, []);
  return <input value={interval} onChange={(e) => setInterval(Number(e.target.value))} />;
}

// Module level: lives as long as the page.
setInterval(() => console.debug("alive"), 60000);

// A plain function is nobody's owner; another rule looks at per-call patterns.
export function startPolling(fn) {
  setInterval(fn, 1000);
}

// A separate unmount-only effect clears what the other effect started.
export function Restartable({ delay, tick }) {
  const timer = useRef();
  useEffect(() => {
    clearInterval(timer.current);
    timer.current = setInterval(tick, delay);
  }, [delay, tick]);
  useEffect(() => () => clearInterval(timer.current), []);
  return null;
}
