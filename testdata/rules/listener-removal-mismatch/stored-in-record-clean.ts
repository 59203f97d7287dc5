// A directive keeps each use's handler in a record on the element, keyed
// by the component, and its unmounted hook reads the record back by
// destructuring: the removal passes the function that was added.
import type { DirectiveBinding } from "vue";

interface Stored {
  handler: () => void;
  options: AddEventListenerOptions;
}

type Host = HTMLElement & { _onResize?: Record<number, Stored> };

function mounted(el: Host, binding: DirectiveBinding<() => void>) {
  const handler = binding.value;
  const options: AddEventListenerOptions = { passive: true };
  window.addEventListener("resize", handler, options);
  el._onResize = Object(el._onResize);
  el._onResize![binding.instance!.$.uid] = { handler, options };
}

function unmounted(el: Host, binding: DirectiveBinding<() => void>) {
  if (!el._onResize?.[binding.instance!.$.uid]) return;
  const { handler, options } = el._onResize[binding.instance!.$.uid]!;
  window.removeEventListener("resize", handler, options);
  delete el._onResize[binding.instance!.$.uid];
}

export const Resize = { mounted, unmounted };
