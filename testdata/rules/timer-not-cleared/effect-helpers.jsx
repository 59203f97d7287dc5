import { useEffect, useState } from "react";

// tick is declared in the component and called only from the effect: its
// loop belongs to the effect, which never stops it.
export function Clock() {
  const [now, setNow] = useState(new Date());

  function tick() {
    setNow(new Date());
    setTimeout(tick, 1000); // want "timer-not-cleared: setTimeout re-arms tick\(\)"
  }

  useEffect(() => {
    tick();
  }, []);

  return <time>{now.toLocaleTimeString()}</time>;
}

// An interval started by a const arrow helper the effect calls.
export function Feed({ url }) {
  const [items, setItems] = useState([]);

  const startPolling = () => {
    setInterval(() => fetch(url).then((r) => r.json()).then(setItems), 5000); // want "timer-not-cleared: setInterval keeps running after the effect ends"
  };

  useEffect(() => {
    startPolling();
  }, [url]);

  return <ul>{items.map((i) => <li key={i.id}>{i.title}</li>)}</ul>;
}

// A helper that re-arms from its own promise callback.
export function Status() {
  const [ok, setOk] = useState(true);

  function poll() {
    fetch("/health").then((r) => {
      setOk(r.ok);
      setTimeout(poll, 10000); // want "timer-not-cleared"
    });
  }

  useEffect(() => {
    poll();
  }, []);

  return <i>{ok ? "up" : "down"}</i>;
}
