// A drag keeps the handlers it adds in variables the component can read
// later, and removes them through those variables: at the drag's end and
// when the component unmounts mid-drag.
import { onUnmounted } from "vue";

let activeMove: ((e: PointerEvent) => void) | null = null;
let activeStop: (() => void) | null = null;

export function startDrag(el: HTMLElement): void {
  const onMove = (e: PointerEvent) => {
    el.style.left = `${e.clientX}px`;
  };
  const onStop = () => {
    if (activeMove) document.removeEventListener("pointermove", activeMove);
    if (activeStop) document.removeEventListener("pointerup", activeStop);
    activeMove = activeStop = null;
  };
  activeMove = onMove;
  activeStop = onStop;
  document.addEventListener("pointermove", onMove);
  document.addEventListener("pointerup", onStop);
}

onUnmounted(() => {
  if (activeMove) document.removeEventListener("pointermove", activeMove);
  if (activeStop) document.removeEventListener("pointerup", activeStop);
});
