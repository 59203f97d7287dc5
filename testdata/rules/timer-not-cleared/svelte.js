// The <script> of a Svelte component.
import { onDestroy, onMount } from "svelte";
import { writable } from "svelte/store";

export const time = writable(new Date());
let canvas;

onMount(() => {
  setInterval(() => time.set(new Date()), 1000); // want "timer-not-cleared"
});

onMount(() => {
  const ctx = canvas.getContext("2d");
  function render() {
    ctx.fillRect(0, 0, 10, 10);
    requestAnimationFrame(render); // want "timer-not-cleared"
  }
  render();
  return () => {
    ctx.reset();
  };
});
