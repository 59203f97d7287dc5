import { interval } from "rxjs";
import { mapState } from "vuex";

export default {
  name: "CartWidget",
  data() {
    return { lastMutation: null, seconds: 0 };
  },
  computed: {
    ...mapState(["cart"]),
  },
  created() {
    this.$store.subscribe((mutation) => { // want "subscription-not-disposed"
      this.lastMutation = mutation.type;
    });
  },
  mounted() {
    this.ticker = interval(1000).subscribe(() => this.seconds++); // want "subscription-not-disposed"
  },
  beforeUnmount() {
    console.log("cart widget unmounting");
  },
};
