import Component from "./component.js";

export default class MenuButton extends Component {
  constructor(player, options) {
    super(player, options);
    this.items = [];
  }
}

Component.registerComponent("MenuButton", MenuButton);
