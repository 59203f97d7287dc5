import { createNamespace } from "../utils";
import { raf, cancelRaf } from "../utils/dom/raf";
import { raf as schedule } from "frame-scheduler";

const [createComponent] = createNamespace("count-down");

// The frame loop through the project's raf helper, cancelled with the
// helper's own cancel when the component is destroyed.
export const CountDown = createComponent({
  props: { time: Number },
  mounted() {
    this.endTime = Date.now() + this.time;
    this.tick();
  },
  beforeDestroy() {
    this.pause();
  },
  methods: {
    tick() {
      this.rafId = raf(() => {
        this.remain = Math.max(this.endTime - Date.now(), 0);
        if (this.remain) {
          this.tick();
        }
      });
    },
    pause() {
      cancelRaf(this.rafId);
    },
  },
});

// A raf export of a package no table lists is no timer leakwatch knows.
export const Spinner = createComponent({
  mounted() {
    this.spin();
  },
  methods: {
    spin() {
      schedule(() => {
        this.angle = (this.angle + 6) % 360;
        this.spin();
      });
    },
  },
});

// createComponent given an object that is no Vue options object (a custom
// element wrapper's description) makes no component owner.
export const Wrapper = createComponent({
  tagName: "x-clock",
  start() {
    setInterval(() => this.tick(), 1000);
  },
});
