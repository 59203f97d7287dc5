import { useEffect, useState } from "react";

export function Clock() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    setInterval(() => setNow(Date.now()), 1000); // want "timer-not-cleared"
  }, []);
  return <span>{now}</span>;
}

export default function Dashboard() {
  useEffect(() => {
    window.addEventListener("online", () => location.reload());
  }, []);
  return <Clock />;
}
