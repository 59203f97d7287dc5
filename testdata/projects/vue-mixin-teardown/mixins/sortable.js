// A mixin with a teardown of its own that calls nothing of the component.
export default {
  data() {
    return { sorting: false };
  },
  beforeDestroy() {
    this.sorting = false;
  },
};
