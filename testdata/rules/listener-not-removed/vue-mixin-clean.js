// An options object exported from a .js file is a mixin: the components
// that mix it in decide how long it lives (often only the app root, which
// never unmounts), so it is not judged as a component of its own. The same
// object in a .vue file is a component (vue-options.vue).
import { io } from "socket.io-client";

export default {
  data() {
    return { socket: null, online: true };
  },
  created() {
    this.socket = io("/");
    this.socket.on("connect", () => (this.online = true));
    window.addEventListener("online", this.onOnline);
  },
  methods: {
    onOnline() {
      this.online = true;
    },
  },
};
