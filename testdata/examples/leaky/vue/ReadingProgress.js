// Vue component (options API): a reading-progress bar and a reading timer.
import { defineComponent, h } from "vue";

export default defineComponent({
  name: "ReadingProgress",
  data() {
    return { progress: 0, secondsRead: 0 };
  },
  mounted() {
    // Leak: there is no beforeUnmount, so window keeps this listener (and
    // the whole component instance) after the component is gone.
    window.addEventListener("scroll", this.onScroll, { passive: true });
    // Leak: nothing clears this interval when the component unmounts.
    this.ticker = setInterval(() => this.secondsRead++, 1000);
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
