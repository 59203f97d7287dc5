// React ignores what an effect returns unless it is a function: an async
// effect returns a promise, and Appwrite's Realtime#subscribe a promise of
// the subscription.
import { useEffect, useState } from "react";
import type { Models } from "appwrite";
import { store } from "./store";

// The SDK's types as appwrite declares them (the package is not installed
// where the fixtures are type-checked), on the app's own SDK object.
interface RealtimeSubscription {
  close(): Promise<void>;
}
interface AppRealtime {
  subscribe(channels: string | string[], callback: (m: { payload: Models.Document }) => void): Promise<RealtimeSubscription>;
}
declare const sdk: { realtime: AppRealtime };

export function Feed({ channel }: { channel: string }) {
  const [items, setItems] = useState<unknown[]>([]);

  useEffect(async () => {
    await Promise.resolve();
    return store.subscribe(() => setItems(store.getState().items)); // want "subscription-not-disposed: subscription to store is never undone: it is returned from an async callback, which hands useEffect a promise"
  }, []);

  useEffect(() => sdk.realtime.subscribe(channel, (m) => setItems((xs) => [...xs, m.payload])), [channel]); // want "subscription-not-disposed: subscription to sdk.realtime is never closed: Appwrite's Realtime subscribe\(\) returns a Promise of the subscription, and useEffect does not run a promise as its cleanup"

  return <ul>{items.length}</ul>;
}
