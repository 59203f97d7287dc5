// Vue 2 single-file component script.
export default {
  name: "Countdown",
  data() {
    return { left: 60, handle: null };
  },
  mounted() {
    // want +1 "timer-not-cleared"
    this.handle = setInterval(() => {
      this.left -= 1;
    }, 1000);
    this.startBlink();
  },
  beforeDestroy() {
    this.handle = null;
  },
  methods: {
    startBlink() {
      setInterval(() => this.$el.classList.toggle("blink"), 500); // want "timer-not-cleared"
    },
  },
};
