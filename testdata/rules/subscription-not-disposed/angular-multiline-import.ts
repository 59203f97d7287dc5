import {
  Component,
  OnInit,
  signal,
} from "@angular/core";
import { interval } from "rxjs";

// An import written one name a line: the names a fix imports join it on
// lines of their own, and the trailing comma stays.
@Component({ selector: "app-uptime", template: "{{ seconds() }}" })
export class UptimeComponent implements OnInit {
  readonly seconds = signal(0);

  ngOnInit(): void {
    interval(1000).subscribe((n) => this.seconds.set(n)); // want "subscription-not-disposed"
  }
}
