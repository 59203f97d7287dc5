// debounce() and throttle() wrap the function in a new one on every call:
// removing a second wrapper removes nothing. Keep the wrapper and remove it.
import _ from "lodash";
import throttle from "lodash/throttle";

export default {
  mounted() {
    window.addEventListener("resize", _.debounce(this.layout, 100)); // want "listener-removal-mismatch: .resize. listener added here is never removed: removeEventListener at line 12 can never match \(the removal passes a fresh debounce\(\) result\)"
    window.addEventListener("scroll", throttle(this.onScroll, 50)); // want "listener-removal-mismatch: .scroll. listener added here is never removed"
  },
  beforeUnmount() {
    window.removeEventListener("resize", _.debounce(this.layout, 100)); // want "listener-removal-mismatch: removeEventListener with a fresh debounce\(\) result removes nothing"
    window.removeEventListener("scroll", throttle(this.onScroll, 50)); // want "listener-removal-mismatch: removeEventListener with a fresh throttle\(\) result removes nothing"
  },
  methods: {
    layout() {},
    onScroll() {},
  },
};
