import React, { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";

export function useElementSize(ref) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const observer = new ResizeObserver(([entry]) => setSize(entry.contentRect));
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

export function InfiniteList({ loadMore }) {
  const sentinel = useRef(null);
  const io = useRef(null);
  useEffect(() => {
    io.current = new IntersectionObserver((entries) => {
      if (entries[0].isIntersecting) loadMore();
    });
    io.current.observe(sentinel.current);
    return () => io.current?.disconnect();
  }, [loadMore]);
  return <div ref={sentinel} />;
}

// Lazy image: the observer lets go of the image once it is visible.
export function LazyImage({ src, alt }) {
  const img = useRef(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const observer = new IntersectionObserver((entries, obs) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        obs.unobserve(img.current);
      }
    });
    observer.observe(img.current);
  }, []);
  return <img ref={img} src={visible ? src : undefined} alt={alt} />;
}

// Both observed elements are unobserved.
export function StickyHeader({ headerRef, sentinelRef }) {
  useEffect(() => {
    const header = headerRef.current;
    const sentinel = sentinelRef.current;
    const observer = new IntersectionObserver(() => {});
    observer.observe(sentinel);
    observer.observe(header);
    return () => {
      observer.unobserve(sentinel);
      observer.unobserve(header);
    };
  }, [headerRef, sentinelRef]);
  return null;
}

// Several observers, disconnected through a local helper.
export function useVisibility(refs, onChange) {
  useEffect(() => {
    const observers = refs.map((r) => {
      const o = new IntersectionObserver(onChange);
      o.observe(r.current);
      return o;
    });
    function disconnectAll() {
      observers.forEach((o) => o.disconnect());
    }
    return disconnectAll;
  }, [refs, onChange]);
}

// Watching a node created here and kept here is not a leak.
export function useMeasureText(text) {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const probe = document.createElement("span");
    const ro = new ResizeObserver(([e]) => setWidth(e.contentRect.width));
    probe.textContent = text;
    ro.observe(probe);
  }, [text]);
  return width;
}

export function usePaintTiming(report) {
  useEffect(() => {
    const po = new PerformanceObserver((list) => report(list.getEntries()));
    po.observe({ entryTypes: ["paint", "largest-contentful-paint"] });
    return () => {
      po.disconnect();
    };
  }, [report]);
}

// Module level: lives as long as the page.
const pageObserver = new MutationObserver(() => {});
pageObserver.observe(document.body, { childList: true });
