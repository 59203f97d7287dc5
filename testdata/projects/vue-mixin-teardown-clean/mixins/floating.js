// A mixin for components that float over the page. Vue runs its
// destroyed() hook as well as the component's own, and the hook calls
// close(), which each component defines.
export default {
  data() {
    return { isOpen: false };
  },
  destroyed() {
    this.close();
    this.$el.remove();
  },
};
