// A Solid effect's interval must be cleared in an onCleanup callback
// registered inside it; the function the callback returns is not called.
import { createEffect, createSignal, onCleanup, onMount } from "solid-js";

export function Clock() {
  const [now, setNow] = createSignal(Date.now());
  onMount(() => {
    setInterval(() => setNow(Date.now()), 1000); // want "timer-not-cleared"
  });
  return <time>{now()}</time>;
}

export function Poller(props) {
  createEffect(() => {
    const id = setInterval(() => props.poll(), props.every);
    onCleanup(() => clearInterval(id));
  });
  return null;
}
