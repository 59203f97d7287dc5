import React from "react";
import parse from "html-react-parser";

// Elements a class component finds in the document by what it renders
// itself go with its markup: one inside the HTML its render injects from
// the state it has just set (the callback of setState runs once that HTML
// is in the document), and one its own JSX names by id or class.
export class Definition extends React.Component {
  state = { html: "", note: "" };

  componentDidMount() {
    const canvas = document.getElementById("definition-canvas");
    canvas.addEventListener("wheel", () => this.setState({ note: "zoom" }));
    document.querySelector(".definition .definition-title")?.addEventListener("dblclick", () => {
      this.setState({ note: "copied" });
    });
  }

  async lookUp(word) {
    const html = await this.props.dictionary.define(word);
    this.setState({ html }, () => {
      let more = document.querySelector(".definition-more");
      if (more) {
        more.addEventListener("click", () => this.props.onMore(word));
      }
    });
  }

  render() {
    return (
      <div className="definition">
        <h3 className="definition-title">{this.props.word}</h3>
        <canvas id="definition-canvas" />
        <div className="definition-body">{parse(this.state.html)}</div>
      </div>
    );
  }
}

export class Excerpt extends React.Component {
  state = { body: "" };

  show(body) {
    this.setState({ body }, () => {
      document.querySelector("#excerpt-link").addEventListener("click", this.props.onOpen);
    });
  }

  render() {
    return <article dangerouslySetInnerHTML={{ __html: this.state.body }} />;
  }
}
