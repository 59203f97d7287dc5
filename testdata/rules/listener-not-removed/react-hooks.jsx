import React, { useEffect, useLayoutEffect, useRef } from "react";

export function Leaky({ onResize, emitter, socket }) {
  const ref = useRef(null);

  useEffect(() => {
    window.addEventListener("resize", onResize); // want "listener-not-removed"
  }, [onResize]);

  useLayoutEffect(() => {
    document.addEventListener("keydown", (e) => console.log(e.key)); // want "listener-not-removed"
  }, []);

  React.useEffect(() => {
    emitter.on("change", onResize); // want "listener-not-removed"
    const node = ref.current;
    node.addEventListener("click", onResize); // want "listener-not-removed"
  }, [emitter]);

  useEffect(() => {
    socket.on("message", onResize); // want "listener-not-removed"
    return () => {
      console.log("unmounting");
    };
  }, [socket]);

  useEffect(() => {
    window.addEventListener("scroll", onResize, { once: true }); // want "listener-not-removed"
  });

  useEffect(() => window.addEventListener("blur", onResize)); // want "listener-not-removed"

  return <div ref={ref} />;
}

// A media query list from the long-lived window keeps its listeners.
export function useDarkMode(onChange) {
  useEffect(() => {
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    query.addEventListener("change", onChange); // want "listener-not-removed"
  }, [onChange]);
}
