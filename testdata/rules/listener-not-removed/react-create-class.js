// Pre-class React components made with createReactClass are owners too, and
// a removal in _onHide does not run when the component unmounts while shown.
import createReactClass from "create-react-class";

export const Modal = createReactClass({
  _onShow() {
    window.addEventListener("resize", this.handleResize); // want "listener-not-removed"
  },
  _onHide() {
    window.removeEventListener("resize", this.handleResize);
  },
  handleResize() {},
  render() {
    return null;
  },
});

export const Panel = createReactClass({
  componentDidMount() {
    window.addEventListener("resize", this.handleResize);
  },
  componentWillUnmount() {
    window.removeEventListener("resize", this.handleResize);
  },
  handleResize() {},
  render() {
    return null;
  },
});
