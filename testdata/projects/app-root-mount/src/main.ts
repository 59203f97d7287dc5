import { createApp } from "vue";
import Forms from "./Forms.vue";

// Mounted by a function the page may call again (each time a dialog
// opens): the component is torn down and mounted anew, so not a root.
export function openForms(el: HTMLElement) {
  createApp(Forms).mount(el);
}
