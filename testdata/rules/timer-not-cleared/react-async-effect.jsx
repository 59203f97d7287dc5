// An async effect returns a promise: the clearInterval in the cleanup it
// returns never runs, so the poll outlives the component.
import { useEffect, useState } from "react";

export function Status({ load }) {
  const [status, setStatus] = useState(null);

  useEffect(async () => {
    setStatus(await load());
    const id = setInterval(async () => setStatus(await load()), 5000); // want "timer-not-cleared: setInterval stored in id keeps running after the effect ends; call clearInterval\(id\) in the function a sync useEffect callback returns, with the async work in an inner function \(this callback is async, so it returns a promise and a cleanup it returns never runs\)"
    return () => clearInterval(id);
  }, [load]);

  return <p>{status}</p>;
}
