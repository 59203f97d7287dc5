import Vue from "vue";
import Submit from "./Submit.vue";

new Vue({ el: "#submit", render: (h) => h(Submit) });
