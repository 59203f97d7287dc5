// An effect that runs once per mount adds a listener to an element this
// component renders itself and holds by ref: the element and its listener
// go together when the component unmounts.
import { useEffect, useRef } from "react";

export function Picker({ onPick }: { onPick: (e: Event) => void }) {
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    element.current?.addEventListener("valuepicked", onPick);
  }, []);

  return <div ref={element} className="picker" />;
}

export function Slider({ onSlide }: { onSlide: (e: Event) => void }) {
  const track = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const node = track.current;
    node?.addEventListener("input", onSlide);
  }, []);

  return (
    <div className="slider">
      <div ref={track} />
    </div>
  );
}
