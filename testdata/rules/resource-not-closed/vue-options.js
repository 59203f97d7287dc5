import { defineComponent } from "vue";

export default defineComponent({
  name: "LiveScores",
  props: { league: String },
  data() {
    return { scores: [] };
  },
  mounted() {
    this.socket = new WebSocket(`wss://scores.example.com/${this.league}`); // want "resource-not-closed"
    this.socket.onmessage = (e) => {
      this.scores = JSON.parse(e.data);
    };
  },
  methods: {
    startExport() {
      this.exporter = new Worker("/export.worker.js"); // want "resource-not-closed"
      this.exporter.postMessage(this.scores);
    },
  },
});

export const BuildStatus = defineComponent({
  props: { buildId: String },
  created() {
    this.events = new EventSource(`/api/builds/${this.buildId}/events`); // want "resource-not-closed"
    this.events.onmessage = (e) => this.$emit("status", e.data);
  },
  beforeUnmount() {
    console.debug("bye");
  },
});

export const Clean = defineComponent({
  mounted() {
    this.socket = new WebSocket("wss://scores.example.com/all");
    this.channel = new BroadcastChannel("scores");
  },
  beforeUnmount() {
    this.socket.close();
    this.teardown();
  },
  methods: {
    teardown() {
      this.channel.close();
    },
  },
});
