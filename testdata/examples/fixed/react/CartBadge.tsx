// React function component: the number of items in the cart, read from a Redux store.
import { useEffect, useState } from "react";
import { store } from "../store";

export function CartBadge() {
  const [count, setCount] = useState(() => store.getState().cart.items.length);

  useEffect(() => {
    const unsubscribe = store.subscribe(() => setCount(store.getState().cart.items.length));
    return unsubscribe;
  }, []);

  return <span className="cart-badge">{count}</span>;
}
