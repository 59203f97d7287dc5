import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { useStore } from "react-redux";
import { of, Subject, Subscription, timer } from "rxjs";
import { first, take, takeUntil } from "rxjs/operators";

import { store } from "./store";
import { price$, status$ } from "./prices";

export function useCartCount() {
  return useSyncExternalStore(store.subscribe, () => store.getState().cart.length);
}

export function CartBadge() {
  const [count, setCount] = useState(0);

  // The unsubscribe function returned to React is the cleanup.
  useEffect(() => store.subscribe(() => setCount(store.getState().cart.length)), []);

  useEffect(() => {
    const unsubscribe = store.subscribe(() => setCount(store.getState().cart.length));
    return unsubscribe;
  }, []);

  useLayoutEffect(() => {
    const stop = store.subscribe(() => setCount(store.getState().cart.length));
    return () => {
      stop();
    };
  }, []);

  return <span>{count}</span>;
}

export function Ticker({ symbol, feed$ }) {
  const [price, setPrice] = useState(null);
  const subRef = useRef(null);
  const reduxStore = useStore();

  useEffect(() => {
    const subscription = price$.subscribe((p) => setPrice(p[symbol]));
    return () => subscription.unsubscribe();
  }, [symbol]);

  useEffect(() => {
    const subs = [price$.subscribe(setPrice), status$.subscribe(console.log)];
    return () => subs.forEach((s) => s.unsubscribe());
  }, []);

  useEffect(() => {
    const parent = new Subscription();
    parent.add(price$.subscribe(setPrice));
    parent.add(feed$.subscribe(console.log));
    return () => parent.unsubscribe();
  }, [feed$]);

  useEffect(() => {
    subRef.current = feed$.subscribe(console.log);
    return () => subRef.current?.unsubscribe();
  }, [feed$]);

  useEffect(() => {
    let unsubscribe;
    if (symbol) {
      unsubscribe = reduxStore.subscribe(() => setPrice(reduxStore.getState().prices[symbol]));
    }
    return () => unsubscribe?.();
  }, [reduxStore, symbol]);

  useEffect(() => {
    const stop$ = new Subject();
    price$.pipe(takeUntil(stop$)).subscribe(setPrice);
    return () => stop$.next();
  }, []);

  // Sources that complete, or that the effect creates itself.
  useEffect(() => {
    price$.pipe(take(1)).subscribe(setPrice);
    status$.pipe(first()).subscribe(console.log);
    of(42).subscribe(setPrice);
    timer(1000).subscribe(() => setPrice(null));
    const local = new Subject();
    local.subscribe(console.log);
    local.next(1);
  }, []);

  return <span>{price}</span>;
}
