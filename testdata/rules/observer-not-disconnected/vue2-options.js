// Vue 2 single-file component script.
export default {
  name: "ScrollSpy",
  data() {
    return { active: null };
  },
  mounted() {
    const observer = new IntersectionObserver(this.onChange);
    this.$el.querySelectorAll("section").forEach((s) => observer.observe(s)); // want "observer-not-disconnected"
    const mo = new MutationObserver(() => this.$forceUpdate());
    mo.observe(this.$el, { childList: true });
    this.$once("hook:beforeDestroy", () => mo.disconnect());
  },
  beforeDestroy() {
    this.active = null;
  },
  methods: {
    onChange() {},
  },
};
