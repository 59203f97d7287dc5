// Vue composable (composition API): a ref holding the current time.
import { ref } from "vue";

export function useNow(intervalMs = 1000) {
  const now = ref(new Date());
  // Leak: the interval outlives the component that called useNow; nothing
  // clears it when its scope is disposed.
  setInterval(() => {
    now.value = new Date();
  }, intervalMs);
  return now;
}
