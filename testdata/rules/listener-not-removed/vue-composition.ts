import { onBeforeUnmount, onMounted, onUnmounted, ref } from "vue";

export function useMouse() {
  const x = ref(0);
  const update = (e: MouseEvent) => (x.value = e.pageX);
  onMounted(() => {
    window.addEventListener("mousemove", update); // want "listener-not-removed"
  });
  return { x };
}

export function useScroll() {
  const y = ref(0);
  const update = () => (y.value = window.scrollY);
  onMounted(() => window.addEventListener("scroll", update));
  onUnmounted(() => window.removeEventListener("scroll", update));
  return { y };
}

export function useKeys(target: EventTarget) {
  const onKey = () => {};
  target.addEventListener("keydown", onKey);
  onBeforeUnmount(() => {
    target.removeEventListener("keydown", onKey);
  });
}
