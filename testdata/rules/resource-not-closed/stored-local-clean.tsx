// A resource created in a local and also kept in a ref or a field for
// other code to use: the teardown closes it through the local, which is
// the same object. Silent.
import { useEffect, useRef } from "react";
import { onBeforeUnmount, onMounted } from "vue";

export function useChannel(name: string) {
  const channelRef = useRef<BroadcastChannel | null>(null);

  useEffect(() => {
    const channel = new BroadcastChannel(name);
    channelRef.current = channel;
    const onMessage = (event: MessageEvent) => console.log(event.data);
    channel.addEventListener("message", onMessage);
    return () => {
      channel.removeEventListener("message", onMessage);
      if (channelRef.current === channel) channelRef.current = null;
      channel.close();
    };
  }, [name]);

  return (message: unknown) => channelRef.current?.postMessage(message);
}

export function useFeed(url: string, state: { socket: WebSocket | null }) {
  onMounted(() => {
    const socket = new WebSocket(url);
    state.socket = socket;
    onBeforeUnmount(() => socket.close());
  });
}
