import React, { useEffect, useLayoutEffect, useRef, useState } from "react";

// A live ticker: the socket outlives the component and keeps calling setPrices.
export function PriceTicker({ symbols }) {
  const [prices, setPrices] = useState({});

  useEffect(() => {
    const ws = new WebSocket(`wss://stream.example.com/prices?s=${symbols.join(",")}`); // want "resource-not-closed"
    ws.onmessage = (event) => {
      const { symbol, price } = JSON.parse(event.data);
      setPrices((prev) => ({ ...prev, [symbol]: price }));
    };
  }, [symbols]);

  return (
    <ul>
      {Object.entries(prices).map(([s, p]) => (
        <li key={s}>
          {s}: {p}
        </li>
      ))}
    </ul>
  );
}

// Server-sent notifications with an effect that cleans up something else.
export function Notifications({ userId, onNotify }) {
  useEffect(() => {
    const source = new EventSource(`/api/users/${userId}/notifications`); // want "resource-not-closed"
    source.addEventListener("notification", (e) => onNotify(JSON.parse(e.data)));
    const title = document.title;
    return () => {
      document.title = title;
    };
  }, [userId, onNotify]);
  return null;
}

// A worker per image, never terminated.
export function Thumbnail({ file }) {
  const [url, setUrl] = useState(null);
  useEffect(() => {
    const worker = new Worker(new URL("./resize.worker.js", import.meta.url), { type: "module" }); // want "resource-not-closed"
    worker.onmessage = (e) => setUrl(URL.createObjectURL(e.data));
    worker.postMessage({ file, width: 160 });
  }, [file]);
  return url ? <img src={url} alt="" /> : null;
}

// Cross-tab logout: the channel outlives the component.
export function useLogoutSync(onLogout) {
  useLayoutEffect(() => {
    const channel = new BroadcastChannel("auth"); // want "resource-not-closed"
    channel.onmessage = (e) => {
      if (e.data === "logout") onLogout();
    };
  }, [onLogout]);
}

// Kept in a ref, but the cleanup never closes it.
export function Chat({ room }) {
  const socketRef = useRef(null);
  useEffect(() => {
    socketRef.current = new WebSocket(`wss://chat.example.com/rooms/${room}`); // want "resource-not-closed"
    socketRef.current.onmessage = (e) => console.log(e.data);
  }, [room]);
  return <div />;
}

// A custom hook that opens a stream each time the component renders.
export function useFeed(url) {
  const [items, setItems] = useState([]);
  const source = new EventSource(url); // want "resource-not-closed"
  source.onmessage = (e) => setItems((prev) => [...prev, e.data]);
  return items;
}

// A socket created on every render, outside any effect.
export function Presence({ userId }) {
  const ws = new WebSocket(`wss://presence.example.com/${userId}`); // want "resource-not-closed"
  ws.onopen = () => ws.send("here");
  return <span>online</span>;
}
