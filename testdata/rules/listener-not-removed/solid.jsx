// Solid components own what their onMount and createEffect callbacks set
// up; the undo belongs in an onCleanup callback registered inside them
// (what the callback returns is ignored by Solid, so no cleanup).
import { createEffect, onCleanup, onMount } from "solid-js";

export function Ruler(props) {
  onMount(() => {
    window.addEventListener("resize", props.onResize); // want "listener-not-removed"
  });
  return <hr />;
}

export function Progress(props) {
  createEffect(() => {
    const onScroll = () => props.report(window.scrollY);
    window.addEventListener("scroll", onScroll);
    onCleanup(() => window.removeEventListener("scroll", onScroll));
  });
  return <div />;
}
