type Listener = () => void;
const listeners = new Set<Listener>();

export const store = {
  subscribe(fn: Listener) {
    listeners.add(fn);
    return { unsubscribe: () => listeners.delete(fn) };
  },
};
