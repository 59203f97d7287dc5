// React custom hook: the live price of a stock symbol, pushed over a WebSocket.
import { useEffect, useState } from "react";

export function useLivePrice(symbol: string) {
  const [price, setPrice] = useState<number | null>(null);

  useEffect(() => {
    const socket = new WebSocket(`wss://quotes.example.com/v1/${encodeURIComponent(symbol)}`);
    socket.addEventListener("message", (event) => {
      setPrice(JSON.parse(event.data).price);
    });
    return () => socket.close();
  }, [symbol]);

  return price;
}
