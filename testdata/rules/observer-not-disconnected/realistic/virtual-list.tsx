// A virtualised list: ResizeObserver on the viewport and on each measured
// row, IntersectionObserver for "load more", all cleaned up per effect.
import { useEffect, useLayoutEffect, useRef, useState } from "react";

type Row = { id: string; text: string };

function useViewportHeight(ref: React.RefObject<HTMLElement>) {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setHeight(entry.contentRect.height));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return height;
}

function useRowHeights(container: React.RefObject<HTMLElement>, rows: Row[]) {
  const heights = useRef(new Map<string, number>());
  useEffect(() => {
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) {
        heights.current.set((e.target as HTMLElement).dataset.id!, e.contentRect.height);
      }
    });
    container.current?.querySelectorAll("[data-id]").forEach((el) => ro.observe(el));
    return () => {
      ro.disconnect();
    };
  }, [container, rows]);
  return heights;
}

function useLoadMore(sentinel: React.RefObject<HTMLElement>, onMore: () => void) {
  const observer = useRef<IntersectionObserver | null>(null);
  useEffect(() => {
    observer.current = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onMore();
    });
    if (sentinel.current) observer.current.observe(sentinel.current);
    return () => observer.current?.disconnect();
  }, [sentinel, onMore]);
}

export function VirtualList({ rows, onMore }: { rows: Row[]; onMore(): void }) {
  const viewport = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const height = useViewportHeight(viewport);
  const heights = useRowHeights(viewport, rows);
  useLoadMore(sentinel, onMore);
  const [scrollTop, setScrollTop] = useState(0);
  const visible = rows.filter((_, i) => i * 24 >= scrollTop - 240 && i * 24 <= scrollTop + height + 240);
  return (
    <div ref={viewport} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} style={{ overflow: "auto" }}>
      {visible.map((r) => (
        <div key={r.id} data-id={r.id} style={{ minHeight: heights.current.get(r.id) ?? 24 }}>
          {r.text}
        </div>
      ))}
      <div ref={sentinel} />
    </div>
  );
}
