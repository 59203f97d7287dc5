import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";

// Module-level connection shared by every component.
const feed = new WebSocket("wss://feed.example.com");

export function PriceTicker({ symbols }) {
  const [prices, setPrices] = useState({});
  useEffect(() => {
    const ws = new WebSocket(`wss://stream.example.com/prices?s=${symbols.join(",")}`);
    ws.onmessage = (event) => setPrices(JSON.parse(event.data));
    return () => ws.close();
  }, [symbols]);
  return <pre>{JSON.stringify(prices)}</pre>;
}

export function Notifications({ userId, onNotify }) {
  useEffect(() => {
    const source = new EventSource(`/api/users/${userId}/notifications`);
    source.onmessage = (e) => onNotify(JSON.parse(e.data));
    function stop() {
      source.close();
    }
    return stop;
  }, [userId, onNotify]);
  return null;
}

export function Thumbnail({ file }) {
  const [url, setUrl] = useState(null);
  useEffect(() => {
    const worker = new Worker(new URL("./resize.worker.js", import.meta.url), { type: "module" });
    worker.onmessage = (e) => {
      setUrl(URL.createObjectURL(e.data));
      worker.terminate();
    };
    worker.postMessage({ file, width: 160 });
    return () => worker.terminate();
  }, [file]);
  return url ? <img src={url} alt="" /> : null;
}

// A ref that the cleanup closes.
export function Chat({ room }) {
  const socketRef = useRef(null);
  useEffect(() => {
    socketRef.current = new WebSocket(`wss://chat.example.com/rooms/${room}`);
    return () => {
      socketRef.current?.close();
      socketRef.current = null;
    };
  }, [room]);
  return <div />;
}

// A post-and-close channel inside an event handler.
export function LogoutButton() {
  const logout = () => {
    const channel = new BroadcastChannel("auth");
    channel.postMessage("logout");
    channel.close();
  };
  return <button onClick={logout}>Log out</button>;
}

// A reconnecting socket kept in a variable of the effect.
export function Live({ url, onEvent }) {
  useEffect(() => {
    let ws;
    let stopped = false;
    const connect = () => {
      ws = new WebSocket(url);
      ws.onmessage = (e) => onEvent(e.data);
      ws.onclose = () => {
        if (!stopped) setTimeout(connect, 1000);
      };
    };
    connect();
    return () => {
      stopped = true;
      ws.close();
    };
  }, [url, onEvent]);
  return null;
}

// The socket handed to state; another effect owns closing it.
export function useSocket(url) {
  const [socket, setSocket] = useState(null);
  useEffect(() => {
    const ws = new WebSocket(url);
    setSocket(ws);
  }, [url]);
  useEffect(() => () => socket?.close(), [socket]);
  return socket;
}

// An external store: subscribe() closes the source it opened.
function subscribeToClock(callback) {
  const source = new EventSource("/clock");
  source.onmessage = callback;
  return () => source.close();
}

export function useServerClock() {
  return useSyncExternalStore(subscribeToClock, () => Date.now());
}

export function Status() {
  feed.onmessage = () => {};
  const label = useMemo(() => "status", []);
  return <span>{label}</span>;
}
