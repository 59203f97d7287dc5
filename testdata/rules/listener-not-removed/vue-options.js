import { defineComponent } from "vue";

export default defineComponent({
  mounted() {
    window.addEventListener("resize", this.onResize); // want "listener-not-removed"
    this.$root.$on("refresh", this.reload); // want "listener-not-removed"
    this.$on("local", this.reload);
  },
  methods: {
    onResize() {},
    reload() {},
  },
});

export const Clean = defineComponent({
  mounted() {
    window.addEventListener("resize", this.onResize);
    this.bus.$on("refresh", this.reload);
  },
  beforeUnmount() {
    window.removeEventListener("resize", this.onResize);
    this.stop();
  },
  methods: {
    stop() {
      this.bus.$off("refresh", this.reload);
    },
    onResize() {},
    reload() {},
  },
});
