// An async effect returns a promise: React never runs the cleanup it
// returns (and warns in development), so the listener stays on window.
import { useEffect, useState } from "react";

export function Prices({ url }) {
  const [width, setWidth] = useState(0);
  const [prices, setPrices] = useState([]);

  useEffect(async () => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener("resize", onResize); // want "listener-not-removed: .resize. listener added to window is removed at line 13, but not when the effect ends; also call removeEventListener in the function a sync useEffect callback returns, with the async work in an inner function \(this callback is async, so it returns a promise and a cleanup it returns never runs\)"
    setPrices(await (await fetch(url)).json());
    return () => window.removeEventListener("resize", onResize);
  }, [url]);

  return <p>{width}: {prices.length}</p>;
}
