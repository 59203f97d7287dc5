// Vue component (options API): a reading-progress bar and a reading timer.
import { defineComponent, h } from "vue";

export default defineComponent({
  name: "ReadingProgress",
  data() {
    return { progress: 0, secondsRead: 0 };
  },
  mounted() {
    window.addEventListener("scroll", this.onScroll, { passive: true });
    this.ticker = setInterval(() => this.secondsRead++, 1000);
  },
  beforeUnmount() {
    window.removeEventListener("scroll", this.onScroll);
    clearInterval(this.ticker);
  },
  methods: {
    onScroll() {
      const max = document.documentElement.scrollHeight - window.innerHeight;
      this.progress = max > 0 ? window.scrollY / max : 0;
    },
  },
  render() {
    return h("div", { class: "reading-progress", style: { width: `${this.progress * 100}%` } });
  },
});
