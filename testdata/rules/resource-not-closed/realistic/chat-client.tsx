import { useCallback, useEffect, useRef, useState } from "react";

type Message = { id: string; author: string; text: string };

function useReconnectingSocket(url: string, onMessage: (m: Message) => void) {
  const socketRef = useRef<WebSocket | null>(null);
  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const open = () => {
      const ws = new WebSocket(url);
      socketRef.current = ws;
      ws.onmessage = (e) => onMessage(JSON.parse(e.data));
      ws.onclose = () => {
        if (!closed) retry = setTimeout(open, 2000);
      };
    };
    open();
    return () => {
      closed = true;
      clearTimeout(retry);
      socketRef.current?.close();
    };
  }, [url, onMessage]);
  return useCallback((text: string) => socketRef.current?.send(JSON.stringify({ text })), []);
}

function useTypingChannel(room: string) {
  const [typing, setTyping] = useState<string[]>([]);
  useEffect(() => {
    const channel = new BroadcastChannel(`typing:${room}`);
    channel.onmessage = (e) => setTyping(e.data);
    return () => channel.close();
  }, [room]);
  return typing;
}

function useMarkdown(text: string) {
  const [html, setHtml] = useState("");
  useEffect(() => {
    const worker = new Worker(new URL("./markdown.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<string>) => setHtml(e.data);
    worker.postMessage(text);
    return () => worker.terminate();
  }, [text]);
  return html;
}

export function ChatRoom({ room }: { room: string }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const onMessage = useCallback((m: Message) => setMessages((prev) => [...prev, m]), []);
  const send = useReconnectingSocket(`wss://chat.example.com/rooms/${room}`, onMessage);
  const typing = useTypingChannel(room);
  const preview = useMarkdown(messages.at(-1)?.text ?? "");

  useEffect(() => {
    const source = new EventSource(`/api/rooms/${room}/presence`);
    source.addEventListener("presence", (e) => console.debug((e as MessageEvent).data));
    return () => {
      source.close();
    };
  }, [room]);

  return (
    <section>
      <ul>
        {messages.map((m) => (
          <li key={m.id}>
            <b>{m.author}</b> {m.text}
          </li>
        ))}
      </ul>
      <p>{typing.join(", ")}</p>
      <div dangerouslySetInnerHTML={{ __html: preview }} />
      <button onClick={() => send("hi")}>Wave</button>
    </section>
  );
}
