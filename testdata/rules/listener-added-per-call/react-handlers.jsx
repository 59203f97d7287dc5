import { useEffect, useState } from "react";
import { socket } from "./socket";

export function Search({ onResults }) {
  const [open, setOpen] = useState(false);

  // An effect is an owner: listener-not-removed reports leaks there, not
  // this rule.
  useEffect(() => {
    window.addEventListener("resize", onResults);
  }, [onResults]);

  return (
    <div>
      <button
        onClick={() => {
          setOpen(true);
          window.addEventListener("keydown", closeOnEscape); // want "listener-added-per-call"
        }}
      >
        Search
      </button>
      <input
        onChange={(event) => {
          socket.on("results", onResults); // want "listener-added-per-call"
          socket.emit("search", event.target.value);
        }}
      />
      <button onClick={() => window.addEventListener("scroll", onResults, { once: true })}>More</button>
      {open && <p>Searching…</p>}
    </div>
  );

  function closeOnEscape(event) {
    if (event.key === "Escape") setOpen(false);
  }
}
