import { useEffect, useLayoutEffect, useState } from "react";
import { fromEvent } from "rxjs";
import { map, throttleTime } from "rxjs/operators";

import { store } from "./store";
import { price$ } from "./prices";

export function CartBadge() {
  const [count, setCount] = useState(store.getState().cart.length);

  useEffect(() => {
    store.subscribe(() => setCount(store.getState().cart.length)); // want "subscription-not-disposed"
  }, []);

  return <span className="badge">{count}</span>;
}

export function Ticker({ symbol }) {
  const [price, setPrice] = useState(null);

  useEffect(() => {
    price$
      .pipe(map((prices) => prices[symbol]))
      .subscribe(setPrice); // want "subscription-not-disposed"
  }, [symbol]);

  return <span>{price}</span>;
}

export function useWindowWidth() {
  const [width, setWidth] = useState(window.innerWidth);

  useEffect(() => {
    const subscription = fromEvent(window, "resize") // want +2 "subscription-not-disposed"
      .pipe(throttleTime(100))
      .subscribe(() => setWidth(window.innerWidth));
  }, []);

  return width;
}

export function Clock({ clock$, onTick }) {
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    clock$.subscribe(setNow); // want "subscription-not-disposed"
    return () => {
      onTick(null);
    };
  }, [clock$, onTick]);

  useLayoutEffect(() => {
    const unsubscribe = store.subscribe(() => onTick(store.getState().time)); // want "subscription-not-disposed"
  }, [onTick]);

  return <time>{new Date(now).toLocaleTimeString()}</time>;
}

export function Notifications({ enabled, feed$ }) {
  useEffect(() => {
    if (enabled) {
      feed$.subscribe((n) => console.log(n)); // want "subscription-not-disposed"
    }
  }, [enabled, feed$]);

  return null;
}
