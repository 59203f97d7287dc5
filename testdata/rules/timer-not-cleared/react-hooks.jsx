import React, { useEffect, useLayoutEffect, useRef, useState } from "react";

export function Clock() {
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    setInterval(() => setNow(new Date()), 1000); // want "timer-not-cleared"
  }, []);

  return <time>{now.toLocaleTimeString()}</time>;
}

export function Ticker({ symbol, onQuote }) {
  useEffect(() => {
    const id = window.setInterval(() => { // want "timer-not-cleared"
      fetch(`/api/quotes/${symbol}`)
        .then((r) => r.json())
        .then(onQuote);
    }, 5000);
    return () => {
      console.log("ticker unmounted", symbol);
    };
  }, [symbol, onQuote]);

  return null;
}

export function AutoSave({ draft, save }) {
  const timerRef = useRef(null);

  useEffect(() => {
    timerRef.current = setInterval(() => save(draft), 30000); // want "timer-not-cleared"
  }, [draft, save]);

  return null;
}

export function useServerStatus(url) {
  const [status, setStatus] = useState("unknown");

  useEffect(() => {
    function poll() {
      fetch(url)
        .then((r) => setStatus(r.ok ? "up" : "down"))
        .catch(() => setStatus("down"));
      setTimeout(poll, 10000); // want "timer-not-cleared"
    }
    poll();
  }, [url]);

  return status;
}

export function Spinner({ canvasRef }) {
  useLayoutEffect(() => {
    const ctx = canvasRef.current.getContext("2d");
    let angle = 0;
    const draw = () => {
      angle += 0.1;
      ctx.clearRect(0, 0, 32, 32);
      ctx.rotate(angle);
      requestAnimationFrame(draw); // want "timer-not-cleared"
    };
    requestAnimationFrame(draw);
  }, [canvasRef]);

  return null;
}

export function Countdown({ seconds }) {
  const [left, setLeft] = useState(seconds);

  React.useEffect(() => {
    let timer;
    const tick = () => {
      setLeft((s) => s - 1);
      timer = setTimeout(tick, 1000); // want "timer-not-cleared"
    };
    timer = setTimeout(tick, 1000);
  }, []);

  return <span>{left}</span>;
}

export function Blink() {
  const [on, setOn] = useState(false);
  useEffect(() => setInterval(() => setOn((v) => !v), 500), []); // want "timer-not-cleared"
  return on ? <span>*</span> : null;
}

// Clearing the previous interval before starting the next is not a cleanup.
export function Restarting({ delay, tick }) {
  const timer = useRef();
  useEffect(() => {
    clearInterval(timer.current);
    timer.current = setInterval(tick, delay); // want "timer-not-cleared"
  }, [delay, tick]);
  return null;
}
