// The same shapes whose teardown forgets the resource: it only removes
// the listener, or closes a different channel.
import { useEffect, useRef } from "react";

export function useChannel(name: string) {
  const channelRef = useRef<BroadcastChannel | null>(null);

  useEffect(() => {
    const channel = new BroadcastChannel(name); // want "resource-not-closed: BroadcastChannel stored in channelRef.current is never closed; call channelRef.current.close\(\) in the cleanup function useEffect returns"
    channelRef.current = channel;
    const onMessage = (event: MessageEvent) => console.log(event.data);
    channel.addEventListener("message", onMessage);
    return () => {
      channel.removeEventListener("message", onMessage);
    };
  }, [name]);

  return (message: unknown) => channelRef.current?.postMessage(message);
}

export function useTwoChannels(name: string) {
  const mainRef = useRef<BroadcastChannel | null>(null);

  useEffect(() => {
    const main = new BroadcastChannel(name); // want "resource-not-closed: BroadcastChannel stored in mainRef.current is never closed"
    const echo = new BroadcastChannel(`${name}:echo`);
    mainRef.current = main;
    main.onmessage = (event) => echo.postMessage(event.data);
    return () => echo.close();
  }, [name]);
}
