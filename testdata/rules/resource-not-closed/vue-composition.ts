import { onBeforeUnmount, onMounted, ref, watch, type Ref } from "vue";

// A composable that opens a stream and never closes it.
export function useServerEvents<T>(url: string) {
  const last = ref<T | null>(null);
  const source = new EventSource(url); // want "resource-not-closed"
  source.onmessage = (e) => {
    last.value = JSON.parse(e.data);
  };
  return { last };
}

// setup() opening a socket in onMounted, with an unmount hook that forgets it.
export default {
  props: { room: String },
  setup(props: { room: string }) {
    const messages = ref<string[]>([]);
    let socket: WebSocket | undefined;
    onMounted(() => {
      socket = new WebSocket(`wss://chat.example.com/${props.room}`); // want "resource-not-closed"
      socket.onmessage = (e) => messages.value.push(e.data);
    });
    onBeforeUnmount(() => {
      messages.value = [];
    });
    return { messages };
  },
};

// A worker per composable instance.
export function useHasher(input: Ref<string>) {
  const digest = ref("");
  const worker = new Worker(new URL("./hash.worker.ts", import.meta.url), { type: "module" }); // want "resource-not-closed"
  worker.onmessage = (e) => (digest.value = e.data);
  watch(input, (v) => worker.postMessage(v), { immediate: true });
  return { digest };
}

// Clean: closed in the unmount hooks.
export function useChannel(name: string) {
  const last = ref<unknown>(null);
  const channel = new BroadcastChannel(name);
  channel.onmessage = (e) => (last.value = e.data);
  onBeforeUnmount(() => channel.close());
  return { last, post: (m: unknown) => channel.postMessage(m) };
}

export function useTicker(url: string) {
  const ws = new WebSocket(url);
  const price = ref(0);
  ws.onmessage = (e) => (price.value = Number(e.data));
  onBeforeUnmount(() => {
    ws.close();
  });
  return { price };
}
