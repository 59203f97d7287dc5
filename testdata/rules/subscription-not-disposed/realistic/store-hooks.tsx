import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Observable, Subscription } from "rxjs";

type Listener = () => void;

export interface Store<S, A> {
  getState(): S;
  dispatch(action: A): void;
  subscribe(listener: Listener): () => void;
}

export function createStore<S, A>(reducer: (s: S, a: A) => S, initial: S): Store<S, A> {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    getState: () => state,
    dispatch(action) {
      state = reducer(state, action);
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useSelector<S, A, T>(store: Store<S, A>, selector: (s: S) => T): T {
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}

export function useStoreListener<S, A>(store: Store<S, A>, onChange: (next: S, prev: S) => void) {
  useEffect(() => {
    let last = store.getState();
    return store.subscribe(() => {
      const next = store.getState();
      if (next !== last) {
        onChange(next, last);
        last = next;
      }
    });
  }, [store, onChange]);
}

export function useObservable<T>(source$: Observable<T>, initial: T): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const subscription = source$.subscribe({ next: setValue, error: (e) => console.error(e) });
    return () => subscription.unsubscribe();
  }, [source$]);
  return value;
}

export function useLatest<T>(source$: Observable<T>, onValue: (v: T) => void) {
  const subscription = useRef<Subscription | null>(null);
  const stop = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = null;
  }, []);

  useEffect(() => {
    subscription.current = source$.subscribe(onValue);
    return stop;
  }, [source$, onValue, stop]);

  return stop;
}
