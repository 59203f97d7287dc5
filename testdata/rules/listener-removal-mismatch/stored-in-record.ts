// Read back from the record, but not the field the added handler was kept
// in: the removal passes another function.
import type { DirectiveBinding } from "vue";

interface Stored {
  handler: () => void;
  fallback: () => void;
}

type Host = HTMLElement & { _onScroll?: Record<number, Stored> };

function mounted(el: Host, binding: DirectiveBinding<() => void>) {
  const handler = binding.value;
  window.addEventListener("scroll", handler); // want "listener-removal-mismatch: .scroll. listener added here is never removed"
  el._onScroll = Object(el._onScroll);
  el._onScroll![binding.instance!.$.uid] = { handler, fallback: () => {} };
}

function unmounted(el: Host, binding: DirectiveBinding<() => void>) {
  const { fallback } = el._onScroll![binding.instance!.$.uid]!;
  window.removeEventListener("scroll", fallback); // want "listener-removal-mismatch: removeEventListener removes fallback, which is never added for this event"
}

export const Scroll = { mounted, unmounted };
