// An editor the component makes, kept in a field and a local at once:
// listeners on it go with the editor, which the component drops.
import React from "react";
import CodeMirror from "codemirror";

export class CodeView extends React.Component {
  componentDidMount() {
    const editor = (this.editor = CodeMirror(this.node, { value: this.props.value }));
    editor.on("change", () => this.props.onChange(editor.getValue()));
    editor.on("scroll", () => {
      this.lastTop = editor.getScrollInfo().top;
    });
  }

  componentWillUnmount() {
    this.editor = null;
  }

  render() {
    return <div ref={(node) => (this.node = node)} />;
  }
}
