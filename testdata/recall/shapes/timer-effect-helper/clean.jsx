// Shape: timer-effect-helper, fixed: the helper keeps the latest timeout id
// in a ref, and the effect's cleanup clears it.
import { useEffect, useRef, useState } from "react";

export function Notifications({ userId }) {
  const [count, setCount] = useState(0);
  const timer = useRef();

  function refresh() {
    fetch(`/api/users/${userId}/unread`)
      .then((r) => r.json())
      .then((n) => setCount(n));
    timer.current = setTimeout(refresh, 30000);
  }

  useEffect(() => {
    refresh();
    return () => clearTimeout(timer.current);
  }, [userId]);

  return <span className="badge">{count}</span>;
}
