// A target the addition reaches with ?. may be missing when the cleanup
// runs too (a socket that starts null, a ref React has emptied): the fix's
// removal keeps the ?.
import { useEffect, useRef } from "react";
import { Socket } from "socket.io-client";

let socket: Socket | null = null;

export function connect(s: Socket) {
  socket = s;
}

export function Presence({ room }: { room: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onScroll = () => console.log(room);
    box.current?.addEventListener("scroll", onScroll); // want "listener-not-removed: .scroll. listener added to box.current is never removed"
    socket?.on("presence", onScroll); // want "listener-not-removed: .presence. listener added to socket is never removed"
  }, [room]);
  return <div ref={box} />;
}
