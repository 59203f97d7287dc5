import { createApp } from "vue";
import Forms from "./Forms.vue";

// A test mounts at its top level; a test is no entry of the application.
createApp(Forms).mount(document.createElement("div"));
