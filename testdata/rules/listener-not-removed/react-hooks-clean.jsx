import { useEffect, useLayoutEffect, useRef } from "react";

// Every accepted cleanup shape for React effects: nothing here is reported.
export function Clean({ onResize, emitter, socket, bus, el }) {
  const ref = useRef(null);

  useEffect(() => {
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, [onResize]);

  useEffect(() => {
    const onKey = (e) => console.log(e.key);
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("keydown", onKey, { capture: true });
    };
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener("scroll", onResize, { signal: controller.signal });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const off = emitter.on("change", onResize);
    return off;
  }, [emitter]);

  useEffect(() => bus.on("tick", onResize), [bus]);

  useEffect(() => {
    socket.on("message", onResize);
    return () => {
      socket.off("message");
    };
  }, [socket]);

  useEffect(() => {
    emitter.addListener("data", onResize);
    return cleanup;
    function cleanup() {
      emitter.removeAllListeners("data");
    }
  }, [emitter]);

  useEffect(() => {
    const ws = new WebSocket("wss://example.test");
    ws.addEventListener("message", onResize);
  }, []);

  useEffect(() => {
    el.addEventListener("click", onResize);
    return () => detach();
  }, [el]);

  function detach() {
    el.removeEventListener("click", onResize);
  }

  useLayoutEffect(() => {
    const node = ref.current;
    node.addEventListener("pointerdown", onResize);
    return () => node.removeEventListener("pointerdown", onResize);
  }, []);

  useEffect(() => {
    const div = document.createElement("div");
    div.addEventListener("click", onResize);
  }, []);

  useEffect(() => {
    socket.on("message", onResize);
    return () => socket.close();
  }, [socket]);

  emitter.once("ready", onResize);
  return <div ref={ref} />;
}

// Module top level lives as long as the program.
window.addEventListener("unhandledrejection", (e) => console.error(e.reason));

// A plain function is not an owner: listener-added-per-call covers those.
export function init() {
  window.addEventListener("load", () => console.log("loaded"));
}
