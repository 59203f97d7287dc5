import { Subscription } from "rxjs";
import { take } from "rxjs/operators";

import { bus$, ready$ } from "@/events";

export default {
  data() {
    return { events: [] };
  },
  created() {
    this.unsubscribe = this.$store.subscribe(() => this.$forceUpdate());
    this.subscriptions = new Subscription();
    this.subscriptions.add(bus$.subscribe((e) => this.events.push(e)));
    ready$.pipe(take(1)).subscribe(() => this.$emit("ready"));
  },
  methods: {
    stopAll() {
      this.unsubscribe();
      this.subscriptions.unsubscribe();
    },
  },
  beforeUnmount() {
    this.stopAll();
  },
};
