// evtd's listeners removed in the teardown, through the namespace import
// too, and a local function that happens to be called on: not evtd's.
import { defineComponent, onBeforeUnmount } from "vue";
import { on, off } from "evtd";
import * as evtd from "evtd";

function local(type: string, target: EventTarget, fn: () => void) {
  return { type, target, fn };
}

export default defineComponent({
  setup() {
    const onScroll = () => {};
    const onKey = () => {};
    on("scroll", document, onScroll);
    evtd.on("keydown", window, onKey);
    local("resize", window, onScroll);
    onBeforeUnmount(() => {
      off("scroll", document, onScroll);
      evtd.off("keydown", window, onKey);
    });
    return {};
  },
});
