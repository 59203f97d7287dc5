import {
  Component,
  OnInit,
  signal
} from "@angular/core";
import { interval } from "rxjs";

// The same without a trailing comma: the new name still gets its own line.
@Component({ selector: "app-ticks", template: "{{ ticks() }}" })
export class TicksComponent implements OnInit {
  readonly ticks = signal(0);

  ngOnInit(): void {
    interval(500).subscribe((n) => this.ticks.set(n)); // want "subscription-not-disposed"
  }
}
