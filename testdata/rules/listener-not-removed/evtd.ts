// evtd's on(type, target, fn) and off(type, target, fn), event first, as
// naive-ui writes them: a document listener added in setup and never taken
// off stays after the component.
import { defineComponent } from "vue";
import { on, off } from "evtd";

export default defineComponent({
  setup() {
    const onScroll = () => {};
    const onResize = () => {};
    on("scroll", document, onScroll); // want ".scroll. listener added to document is never removed; call off in an onBeforeUnmount"
    on("resize", window, onResize);
    return { stop: () => off("resize", window, onResize) };
  },
});
