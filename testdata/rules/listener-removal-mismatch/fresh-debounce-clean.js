// The debounced wrapper made once and kept is what both calls pass.
import _ from "lodash";

export default {
  created() {
    this.debouncedLayout = _.debounce(this.layout, 100);
  },
  mounted() {
    window.addEventListener("resize", this.debouncedLayout);
  },
  beforeUnmount() {
    window.removeEventListener("resize", this.debouncedLayout);
    this.debouncedLayout.cancel();
  },
  methods: {
    layout() {},
  },
};
