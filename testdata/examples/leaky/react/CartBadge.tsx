// React function component: the number of items in the cart, read from a Redux store.
import { useEffect, useState } from "react";
import { store } from "../store";

export function CartBadge() {
  const [count, setCount] = useState(() => store.getState().cart.items.length);

  useEffect(() => {
    // Leak: the unsubscribe function store.subscribe returns is thrown away,
    // so the store keeps this callback (and the unmounted component) forever.
    store.subscribe(() => setCount(store.getState().cart.items.length));
  }, []);

  return <span className="cart-badge">{count}</span>;
}
