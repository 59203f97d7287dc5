// The poll started from a sync effect whose inner async function does the
// loading: the cleanup it returns runs.
import { useEffect, useState } from "react";

export function Status({ load }) {
  const [status, setStatus] = useState(null);

  useEffect(() => {
    const refresh = async () => setStatus(await load());
    refresh();
    const id = setInterval(refresh, 5000);
    return () => clearInterval(id);
  }, [load]);

  return <p>{status}</p>;
}
