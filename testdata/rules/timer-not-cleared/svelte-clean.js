// The <script> of a Svelte component.
import { onDestroy, onMount } from "svelte";
import { writable } from "svelte/store";

export const time = writable(new Date());
let stopped = false;

onMount(() => {
  const interval = setInterval(() => time.set(new Date()), 1000);
  return () => clearInterval(interval);
});

let poller;
onMount(() => {
  poller = setInterval(() => fetch("/api/ping"), 30000);
});
onDestroy(() => clearInterval(poller));

onMount(() => {
  function loop() {
    if (stopped) return;
    requestAnimationFrame(loop);
  }
  loop();
});
onDestroy(() => {
  stopped = true;
});
