// Shape: timer-effect-helper (issue 13, item 4). The polling loop lives in
// a helper the component declares and calls only from its effect, so it is
// the effect's to stop; the effect returns no cleanup and the loop outlives
// the component. leakwatch reports timer-not-cleared at "<- leak".
import { useEffect, useState } from "react";

export function Notifications({ userId }) {
  const [count, setCount] = useState(0);

  function refresh() {
    fetch(`/api/users/${userId}/unread`)
      .then((r) => r.json())
      .then((n) => setCount(n));
    setTimeout(refresh, 30000); // <- leak
  }

  useEffect(() => {
    refresh();
  }, [userId]);

  return <span className="badge">{count}</span>;
}
