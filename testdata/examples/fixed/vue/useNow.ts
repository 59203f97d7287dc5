// Vue composable (composition API): a ref holding the current time.
import { onScopeDispose, ref } from "vue";

export function useNow(intervalMs = 1000) {
  const now = ref(new Date());
  const timer = setInterval(() => {
    now.value = new Date();
  }, intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
