import { createApp } from "vue";
import Forms from "./Forms.vue";

const app = createApp(Forms);
app.mount("#content");
