import { onBeforeUnmount, onMounted, onUnmounted, ref } from "vue";

export function useNow() {
  const now = ref(new Date());
  setInterval(() => (now.value = new Date()), 1000); // want "timer-not-cleared"
  return { now };
}

export function useAutoRefresh(load: () => Promise<void>) {
  onMounted(() => {
    setInterval(load, 60_000); // want "timer-not-cleared"
  });
}

export function useTypingIndicator(send: (typing: boolean) => void) {
  const typing = ref(false);
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => send(typing.value), 2000); // want "timer-not-cleared"
  });
  onUnmounted(() => {
    typing.value = false;
  });
  return { typing };
}

export function useFps() {
  const fps = ref(0);
  let last = performance.now();
  function frame(t: number) {
    fps.value = Math.round(1000 / (t - last));
    last = t;
    requestAnimationFrame(frame); // want "timer-not-cleared"
  }
  requestAnimationFrame(frame);
  return { fps };
}

// Clean shapes.

export function useCleanNow() {
  const now = ref(new Date());
  const id = setInterval(() => (now.value = new Date()), 1000);
  onBeforeUnmount(() => clearInterval(id));
  return { now };
}

export function useCleanAutoRefresh(load: () => Promise<void>) {
  let handle: number | undefined;
  onMounted(() => {
    handle = window.setInterval(load, 60_000);
  });
  onUnmounted(() => {
    window.clearInterval(handle);
  });
}

export function useCleanFps() {
  const fps = ref(0);
  let raf = 0;
  let last = performance.now();
  const frame = (t: number) => {
    fps.value = Math.round(1000 / (t - last));
    last = t;
    raf = requestAnimationFrame(frame);
  };
  raf = requestAnimationFrame(frame);
  onBeforeUnmount(() => cancelAnimationFrame(raf));
  return { fps };
}

export function usePolling(fetcher: () => Promise<unknown>, ms: number) {
  let active = true;
  const tick = async () => {
    if (!active) return;
    await fetcher();
    setTimeout(tick, ms);
  };
  tick();
  onUnmounted(() => {
    active = false;
  });
}
