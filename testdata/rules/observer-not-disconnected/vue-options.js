import { defineComponent } from "vue";

export default defineComponent({
  name: "TextareaAutosize",
  mounted() {
    this.ro = new ResizeObserver(() => this.$emit("resize"));
    this.ro.observe(this.$el.parentElement); // want "observer-not-disconnected"
  },
  beforeUnmount() {
    this.$emit("gone");
  },
});

export const LazySection = defineComponent({
  mounted() {
    new IntersectionObserver(this.onIntersect, { threshold: 0.1 }).observe(this.$refs.section); // want "observer-not-disconnected"
  },
  methods: {
    onIntersect(entries) {
      this.visible = entries[0].isIntersecting;
    },
  },
});

// Clean shapes.

// The component's own root, observed by an observer it keeps: they go
// together though the teardown never disconnects it.
export const CleanRootAutosize = defineComponent({
  mounted() {
    this.ro = new ResizeObserver(() => this.$emit("resize"));
    this.ro.observe(this.$el);
  },
  beforeUnmount() {
    this.$emit("gone");
  },
});

export const CleanAutosize = defineComponent({
  mounted() {
    this.ro = new ResizeObserver(() => this.$emit("resize"));
    this.ro.observe(this.$el);
  },
  unmounted() {
    this.ro?.disconnect();
  },
});

export const CleanLazySection = defineComponent({
  mounted() {
    this.observer = new IntersectionObserver(this.onIntersect);
    this.observer.observe(this.$refs.section);
  },
  beforeUnmount() {
    this.stopObserving();
  },
  methods: {
    onIntersect() {},
    stopObserving() {
      if (this.observer) this.observer.disconnect();
    },
  },
});
