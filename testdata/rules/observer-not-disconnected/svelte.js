// The <script> of a Svelte component.
import { onMount } from "svelte";

let container;
let width = 0;

onMount(() => {
  const ro = new ResizeObserver(([e]) => (width = e.contentRect.width));
  ro.observe(container); // want "observer-not-disconnected"
});

onMount(() => {
  new IntersectionObserver(([e]) => e.isIntersecting && load()).observe(container); // want "observer-not-disconnected"
  return () => console.debug("bye");
});

// Clean shapes.

onMount(() => {
  const ro = new ResizeObserver(([e]) => (width = e.contentRect.width));
  ro.observe(container);
  return () => ro.disconnect();
});

function load() {}
