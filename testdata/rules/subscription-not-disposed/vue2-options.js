import Vue from "vue";

import { bus$ } from "@/events";

export default Vue.extend({
  data: () => ({ events: [] }),
  mounted() {
    bus$.subscribe((e) => this.events.push(e)); // want "subscription-not-disposed"
  },
  beforeDestroy() {
    this.events = [];
  },
});

export const Legacy = Vue.extend({
  created() {
    this.$store.subscribe(() => this.$forceUpdate()); // want "subscription-not-disposed"
  },
  destroyed() {},
});
