import { defineComponent } from "vue";

export default defineComponent({
  name: "StockTicker",
  props: { symbol: String },
  data() {
    return { price: null };
  },
  mounted() {
    setInterval(this.refresh, 5000); // want "timer-not-cleared"
  },
  methods: {
    refresh() {
      fetch(`/api/price/${this.symbol}`).then((r) => r.json()).then((p) => (this.price = p));
    },
  },
});

export const Slideshow = defineComponent({
  data: () => ({ index: 0 }),
  created() {
    this.advance();
  },
  beforeUnmount() {
    this.$emit("closed");
  },
  methods: {
    advance() {
      this.index += 1;
      this.timer = setTimeout(this.advance, 3000); // want "timer-not-cleared"
    },
  },
});

// Clean shapes.

export const CleanTicker = defineComponent({
  mounted() {
    this.interval = setInterval(this.refresh, 5000);
  },
  unmounted() {
    clearInterval(this.interval);
  },
  methods: {
    refresh() {},
  },
});

export const CleanSlideshow = defineComponent({
  created() {
    this.advance();
  },
  beforeUnmount() {
    this.stop();
  },
  methods: {
    advance() {
      this.timer = setTimeout(this.advance, 3000);
    },
    stop() {
      clearTimeout(this.timer);
    },
  },
});

