// A lightbox the directive builds on every open, through a method that
// makes the element: listeners on it go with the element.
import { Directive, OnDestroy } from "@angular/core";

@Directive({ selector: "[appLightbox]" })
export class LightboxDirective implements OnDestroy {
  private wrapper?: HTMLElement;
  private image?: HTMLImageElement;

  open(src: string): void {
    this.wrapper = this.fromHtml(`<div class="lightbox"></div>`);
    this.image = this.makeImage(src);
    this.wrapper.appendChild(this.image);
    document.body.appendChild(this.wrapper);
    this.wrapper.addEventListener("click", () => this.close());
    this.image.addEventListener("load", () => this.wrapper?.classList.add("ready"));
  }

  close(): void {
    this.wrapper?.remove();
  }

  private fromHtml(html: string): HTMLElement {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstChild as HTMLElement;
  }

  private makeImage(src: string): HTMLImageElement {
    const img = new Image();
    img.src = src;
    return img;
  }

  ngOnDestroy(): void {
    this.close();
  }
}
