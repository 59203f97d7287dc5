import { dom, Observable, styled } from "grainjs";

// grainjs's dom.on(type, fn) adds nothing by itself: it returns an
// argument for the element being built, which attaches the listener to
// that new element and disposes it with the element. Each call builds a
// new element, so nothing piles up.
export function counterButton(count: Observable<number>) {
  return cssButton(
    dom.text((use) => String(use(count))),
    dom.on("click", () => count.set(count.get() + 1)),
  );
}

export function textInput(value: Observable<string>, ...args: any[]) {
  const onInput = dom.on("input", (_ev, elem: HTMLInputElement) => value.set(elem.value));
  return dom("input", dom.prop("value", value), onInput, ...args);
}

export function tagList(tags: string[], onPick: (tag: string) => void) {
  return dom("ul", tags.map((tag) => dom("li", tag, dom.on("mousedown", () => onPick(tag)))));
}

const cssButton = styled("button", `
  padding: 4px;
`);
