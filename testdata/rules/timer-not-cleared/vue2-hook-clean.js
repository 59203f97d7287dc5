// Vue 2: the $once("hook:beforeDestroy") idiom keeps the cleanup next to the timer.
export default {
  name: "CleanClock",
  mounted() {
    const timer = setInterval(() => this.$forceUpdate(), 1000);
    this.$once("hook:beforeDestroy", () => {
      clearInterval(timer);
    });
    this.poller = setInterval(this.poll, 10000);
  },
  destroyed() {
    clearInterval(this.poller);
  },
  methods: {
    poll() {},
  },
};
