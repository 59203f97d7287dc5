// A mixin for cells that can be selected. Its teardown reaches the
// component's onUnselect() through a method of the mixin's own.
const selectable = {
  props: { selected: Boolean },
  watch: {
    selected(value) {
      if (!value) {
        this.unselect();
      }
    },
  },
  beforeDestroy() {
    if (this.selected) {
      this.unselect();
    }
  },
  methods: {
    unselect() {
      this.onUnselect();
      this.$emit("unselected");
    },
    onUnselect() {},
  },
};

export default selectable;
