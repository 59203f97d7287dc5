// A React dashboard: polling with AbortController, a ticking clock hook,
// toast auto-dismiss, a countdown with a ref'd interval, a rAF sparkline.
import { useCallback, useEffect, useRef, useState } from "react";

type Metric = { name: string; value: number };

function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

function usePolling<T>(url: string, everyMs: number): T | undefined {
  const [data, setData] = useState<T>();
  useEffect(() => {
    const controller = new AbortController();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const res = await fetch(url, { signal: controller.signal });
        setData(await res.json());
      } catch (err) {
        if ((err as Error).name === "AbortError") return;
      }
      timeout = setTimeout(load, everyMs);
    };
    load();
    return () => {
      controller.abort();
      clearTimeout(timeout);
    };
  }, [url, everyMs]);
  return data;
}

function Toast({ text, onDone }: { text: string; onDone(): void }) {
  useEffect(() => {
    const t = setTimeout(onDone, 4000);
    return () => clearTimeout(t);
  }, [onDone]);
  return <div className="toast">{text}</div>;
}

function Countdown({ from, onZero }: { from: number; onZero(): void }) {
  const [left, setLeft] = useState(from);
  const timer = useRef<number>();
  useEffect(() => {
    timer.current = window.setInterval(() => setLeft((n) => n - 1), 1000);
    return () => window.clearInterval(timer.current);
  }, []);
  useEffect(() => {
    if (left <= 0) {
      window.clearInterval(timer.current);
      onZero();
    }
  }, [left, onZero]);
  return <span>{left}s</span>;
}

function Sparkline({ values }: { values: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let raf = 0;
    let offset = 0;
    const render = () => {
      const ctx = canvas.current?.getContext("2d");
      if (ctx) {
        ctx.clearRect(0, 0, 120, 30);
        values.forEach((v, i) => ctx.fillRect(i * 4 - offset, 30 - v, 3, v));
      }
      offset = (offset + 1) % 4;
      raf = requestAnimationFrame(render);
    };
    raf = requestAnimationFrame(render);
    return () => cancelAnimationFrame(raf);
  }, [values]);
  return <canvas ref={canvas} width={120} height={30} />;
}

export function Dashboard() {
  const now = useNow();
  const metrics = usePolling<Metric[]>("/api/metrics", 10_000) ?? [];
  const [toast, setToast] = useState<string | null>(null);
  const dismiss = useCallback(() => setToast(null), []);

  // Copy feedback: a one-shot timeout is fine.
  const copy = (text: string) => {
    navigator.clipboard.writeText(text);
    setToast("Copied");
    setTimeout(() => setToast(null), 1500);
  };

  return (
    <main>
      <header>{now.toLocaleTimeString()}</header>
      {metrics.map((m) => (
        <section key={m.name} onClick={() => copy(String(m.value))}>
          {m.name}: {m.value}
          <Sparkline values={[m.value]} />
        </section>
      ))}
      <Countdown from={60} onZero={() => setToast("Refreshing")} />
      {toast && <Toast text={toast} onDone={dismiss} />}
    </main>
  );
}
