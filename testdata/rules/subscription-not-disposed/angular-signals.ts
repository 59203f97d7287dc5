import { Component, Input, OnInit, signal } from "@angular/core";
import { Observable } from "rxjs";

type Price = { symbol: string; value: number };

@Component({
  selector: "app-ticker",
  standalone: true,
  template: `<span>{{ price() }}</span>`,
})
export class TickerComponent implements OnInit {
  @Input({ required: true }) prices$!: Observable<Price>;
  readonly price = signal(0);

  ngOnInit(): void {
    this.prices$.subscribe((p) => this.price.set(p.value)); // want "subscription-not-disposed"
  }
}
