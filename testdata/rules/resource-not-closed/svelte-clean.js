// A Svelte component script that closes its connections in onDestroy.
import { onDestroy, onMount } from "svelte";

export let room = "lobby";
let messages = [];
let source;
let socket;

onMount(() => {
  source = new EventSource("/api/alerts");
  source.onmessage = (e) => console.log(e.data);
  socket = new WebSocket(`wss://chat.example.com/${room}`);
  socket.onmessage = (e) => (messages = [...messages, e.data]);
});

onDestroy(() => {
  source?.close();
  socket?.close();
});
