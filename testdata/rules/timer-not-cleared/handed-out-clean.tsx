// Cleanups handed to someone else to run: a custom unmount hook, a stop
// function returned to the caller, a memoised clear an effect returns.
import { useCallback, useEffect, useRef } from "react";

function useUnmount(fn: () => void) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => () => ref.current(), []);
}

export function useThrottle<T>(value: T, ms = 200, onFlush: (v: T) => void) {
  const timeout = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    if (!timeout.current) {
      const flush = () => {
        onFlush(value);
        timeout.current = setTimeout(flush, ms);
      };
      timeout.current = setTimeout(flush, ms);
    }
  }, [value, ms, onFlush]);
  useUnmount(() => {
    if (timeout.current) clearTimeout(timeout.current);
  });
}

export function useInterval(fn: () => void, delay: number) {
  const timer = useRef<ReturnType<typeof setInterval>>();
  const clear = useCallback(() => clearInterval(timer.current), []);
  useEffect(() => {
    timer.current = setInterval(fn, delay);
    return clear;
  }, [fn, delay, clear]);
  return clear;
}

export class Ticker {
  private stops: Array<() => void> = [];

  every(ms: number, fn: () => void): () => void {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  }

  poll(fn: () => Promise<void>, ms: number): void {
    let handle: ReturnType<typeof setTimeout>;
    const run = () => {
      fn().finally(() => (handle = setTimeout(run, ms)));
    };
    run();
    this.stops.push(() => clearTimeout(handle));
  }

  dispose(): void {
    this.stops.forEach((stop) => stop());
  }
}
