import { useEffect, useRef, useState } from "react";

// The helper keeps the latest id in a ref, and the effect's cleanup clears it.
export function Clock() {
  const [now, setNow] = useState(new Date());
  const timer = useRef(null);

  function tick() {
    setNow(new Date());
    timer.current = setTimeout(tick, 1000);
  }

  useEffect(() => {
    tick();
    return () => clearTimeout(timer.current);
  }, []);

  return <time>{now.toLocaleTimeString()}</time>;
}

// The helper returns the id; the effect keeps and clears it.
export function Feed({ url }) {
  const [items, setItems] = useState([]);

  const startPolling = () => setInterval(() => fetch(url).then((r) => r.json()).then(setItems), 5000);

  useEffect(() => {
    const id = startPolling();
    return () => clearInterval(id);
  }, [url]);

  return <ul>{items.map((i) => <li key={i.id}>{i.title}</li>)}</ul>;
}

// The loop checks a ref the cleanup sets.
export function Status() {
  const [ok, setOk] = useState(true);
  const stopped = useRef(false);

  function poll() {
    if (stopped.current) return;
    setOk(navigator.onLine);
    setTimeout(poll, 10000);
  }

  useEffect(() => {
    stopped.current = false;
    poll();
    return () => {
      stopped.current = true;
    };
  }, []);

  return <i>{ok ? "up" : "down"}</i>;
}
