import React, { useEffect, useLayoutEffect, useRef, useState } from "react";

export function useElementSize(ref) {
  const [size, setSize] = useState({ width: 0, height: 0 });

  useLayoutEffect(() => {
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize({ width, height });
    });
    observer.observe(ref.current); // want "observer-not-disconnected"
  }, [ref]);

  return size;
}

export function InfiniteList({ loadMore, items }) {
  const sentinel = useRef(null);
  const io = useRef(null);

  useEffect(() => {
    io.current = new IntersectionObserver((entries) => {
      if (entries[0].isIntersecting) loadMore();
    }, { rootMargin: "200px" });
    io.current.observe(sentinel.current); // want "observer-not-disconnected"
  }, [loadMore]);

  return (
    <ul>
      {items.map((it) => <li key={it.id}>{it.title}</li>)}
      <li ref={sentinel} />
    </ul>
  );
}

export function useChildCount(ref) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    new MutationObserver(() => setCount(ref.current.childElementCount)).observe(ref.current, { childList: true }); // want "observer-not-disconnected"
  }, [ref]);
  return count;
}

export function useLongTasks(report) {
  useEffect(() => {
    const po = new PerformanceObserver((list) => list.getEntries().forEach(report));
    po.observe({ type: "longtask", buffered: true }); // want "observer-not-disconnected"
    return () => {
      console.debug("long task reporter gone");
    };
  }, [report]);
}

export function StickyHeader({ headerRef, sentinelRef }) {
  const [stuck, setStuck] = useState(false);
  useEffect(() => {
    const observer = new IntersectionObserver(([e]) => setStuck(!e.isIntersecting));
    observer.observe(sentinelRef.current);
    observer.observe(headerRef.current); // want "observer-not-disconnected"
    return () => observer.unobserve(sentinelRef.current);
  }, [headerRef, sentinelRef]);
  return stuck ? <div className="shadow" /> : null;
}
