import { createNamespace } from "../utils";
import { raf, cancelRaf } from "../utils/dom/raf";

// A component library's own definer (vant's createNamespace, the Vue
// composition API plugin's createComponent) given Vue options, and a frame
// loop through the project's own raf helper that nothing cancels when the
// component goes.
const [createComponent] = createNamespace("count-down");

export default createComponent({
  props: { time: Number },
  data() {
    return { remain: 0 };
  },
  mounted() {
    this.endTime = Date.now() + this.time;
    this.tick();
  },
  methods: {
    tick() {
      this.rafId = raf(() => { // want "timer-not-cleared: requestAnimationFrame loop in tick\(\) keeps running after the component ends; keep the latest frame id and call the cancel function of raf's module on it"
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
