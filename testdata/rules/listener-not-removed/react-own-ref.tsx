// What the own-ref exception does not cover: an effect with dependencies
// runs again and adds another listener to the same element each time, and
// a ref the component does not render may hold an element that outlives it.
import { useEffect, useRef, type RefObject } from "react";

export function Picker({ onPick, mode }: { onPick: (e: Event) => void; mode: string }) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    element.current?.addEventListener("valuepicked", onPick); // want "listener-not-removed: .valuepicked. listener added to element.current is never removed"
  }, [mode]);

  return <div ref={element} className="picker" />;
}

export function Overlay({ anchor, onScroll }: { anchor: RefObject<HTMLElement>; onScroll: () => void }) {
  const own = useRef<HTMLDivElement>(null);

  useEffect(() => {
    anchor.current?.addEventListener("scroll", onScroll); // want "listener-not-removed: .scroll. listener added to anchor.current is never removed"
  }, []);

  return <div ref={own} />;
}

export function Unrendered({ onKey }: { onKey: () => void }) {
  const target = useRef<HTMLElement | null>(null);

  useEffect(() => {
    target.current = document.body;
    target.current.addEventListener("keydown", onKey); // want "listener-not-removed: .keydown. listener added to target.current is never removed"
  }, []);

  return <div />;
}
