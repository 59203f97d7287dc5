// A sync effect that runs its async work in an inner function returns the
// cleanup React runs; an async effect that registers nothing is harmless.
import { useEffect, useState } from "react";

export function Prices({ url }) {
  const [width, setWidth] = useState(0);
  const [prices, setPrices] = useState([]);

  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
    let cancelled = false;
    async function load() {
      const res = await fetch(url);
      if (!cancelled) setPrices(await res.json());
    }
    load();
    return () => {
      cancelled = true;
      window.removeEventListener("resize", onResize);
    };
  }, [url]);

  useEffect(async () => {
    setPrices(await (await fetch(url)).json());
  }, [url]);

  return <p>{width}: {prices.length}</p>;
}
