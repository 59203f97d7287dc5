// The script of a Svelte component, as svelte-preprocess hands it over.
import { onMount } from "svelte";
import { writable } from "svelte/store";

export const prices = writable({});
export let symbols = [];

onMount(() => {
  const ws = new WebSocket(`wss://stream.example.com/prices?s=${symbols.join(",")}`); // want "resource-not-closed"
  ws.onmessage = (e) => prices.set(JSON.parse(e.data));
});

onMount(() => {
  const channel = new BroadcastChannel("prices");
  channel.onmessage = (e) => prices.set(e.data);
  return () => channel.close();
});
