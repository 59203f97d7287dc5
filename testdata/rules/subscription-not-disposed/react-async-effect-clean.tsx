// The subscription kept where React's cleanup can close it.
import { useEffect, useState } from "react";
import { Client, Realtime } from "appwrite";
import { store } from "./store";

const client = new Client();
const realtime = new Realtime(client);

export function Feed({ channel }: { channel: string }) {
  const [items, setItems] = useState<unknown[]>([]);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    (async () => {
      await Promise.resolve();
      unsubscribe = store.subscribe(() => setItems(store.getState().items));
    })();
    return () => unsubscribe?.();
  }, []);

  useEffect(() => {
    const subscription = realtime.subscribe(channel, (m) => setItems((xs) => [...xs, m.payload]));
    return () => {
      subscription.then((s) => s.close());
    };
  }, [channel]);

  // The older Client#subscribe returns the unsubscribe function itself.
  useEffect(() => client.subscribe(channel, () => setItems([])), [channel]);

  return <ul>{items.length}</ul>;
}
