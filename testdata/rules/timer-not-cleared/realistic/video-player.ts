// A media player controller in the style of video.js / plyr: progress
// updates on an interval while playing, a rAF loop for the scrubber
// preview, an idle timer that hides controls, all torn down in dispose().
type Listener = (...args: unknown[]) => void;

export interface PlayerOptions {
  progressInterval?: number;
  idleTimeout?: number;
}

export class Player {
  private progressTimer: ReturnType<typeof setInterval> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private scrubFrame = 0;
  private listeners = new Map<string, Set<Listener>>();
  private disposed = false;

  constructor(private readonly media: HTMLMediaElement, private readonly options: PlayerOptions = {}) {
    this.onPlay = this.onPlay.bind(this);
    this.onPause = this.onPause.bind(this);
    media.addEventListener("play", this.onPlay);
    media.addEventListener("pause", this.onPause);
  }

  on(event: string, fn: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(fn);
    return () => set!.delete(fn);
  }

  private emit(event: string, ...args: unknown[]): void {
    this.listeners.get(event)?.forEach((fn) => fn(...args));
  }

  private onPlay(): void {
    this.stopProgress();
    this.progressTimer = setInterval(() => {
      this.emit("progress", this.media.currentTime / this.media.duration);
    }, this.options.progressInterval ?? 250);
    this.bumpIdle();
  }

  private onPause(): void {
    this.stopProgress();
  }

  private stopProgress(): void {
    if (this.progressTimer !== null) {
      clearInterval(this.progressTimer);
      this.progressTimer = null;
    }
  }

  // A debounce: each call replaces the previous one-shot timeout.
  bumpIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.emit("idle"), this.options.idleTimeout ?? 3000);
  }

  startScrubPreview(canvas: HTMLCanvasElement): void {
    const ctx = canvas.getContext("2d")!;
    const draw = () => {
      if (this.disposed) return;
      ctx.drawImage(this.media as HTMLVideoElement, 0, 0, canvas.width, canvas.height);
      this.scrubFrame = requestAnimationFrame(draw);
    };
    cancelAnimationFrame(this.scrubFrame);
    this.scrubFrame = requestAnimationFrame(draw);
  }

  // Fades the volume in over half a second, then stops by itself.
  fadeIn(): void {
    const start = performance.now();
    const step = (now: number) => {
      const t = Math.min(1, (now - start) / 500);
      this.media.volume = t;
      if (t < 1) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }

  dispose(): void {
    this.disposed = true;
    this.stopProgress();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    cancelAnimationFrame(this.scrubFrame);
    this.media.removeEventListener("play", this.onPlay);
    this.media.removeEventListener("pause", this.onPause);
    this.listeners.clear();
  }
}
