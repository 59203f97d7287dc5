import { Component, Directive, ElementRef, Injectable, Input, OnDestroy, OnInit, inject } from "@angular/core";

@Component({
  selector: "app-live-chart",
  template: `<canvas #chart></canvas>`,
})
export class LiveChartComponent implements OnInit {
  @Input() feed = "";
  private socket?: WebSocket;

  ngOnInit(): void {
    this.socket = new WebSocket(`wss://metrics.example.com/${this.feed}`); // want "resource-not-closed"
    this.socket.onmessage = (e) => this.draw(JSON.parse(e.data));
  }

  private draw(points: number[]): void {
    console.log(points.length);
  }
}

@Component({ selector: "app-build-log", template: `<pre>{{ log }}</pre>` })
export class BuildLogComponent implements OnInit, OnDestroy {
  @Input() buildId = "";
  log = "";
  private events!: EventSource;
  private sync = new BroadcastChannel("build-log"); // want "resource-not-closed"

  ngOnInit(): void {
    this.events = new EventSource(`/api/builds/${this.buildId}/log`); // want "resource-not-closed"
    this.events.onmessage = (e) => (this.log += e.data);
  }

  ngOnDestroy(): void {
    this.log = "";
  }
}

@Directive({ selector: "[appOffscreenRender]" })
export class OffscreenRenderDirective implements OnInit {
  private el = inject(ElementRef);

  ngOnInit(): void {
    const worker = new Worker(new URL("./render.worker", import.meta.url)); // want "resource-not-closed"
    worker.onmessage = (e) => (this.el.nativeElement.src = e.data);
    worker.postMessage({ width: 300 });
  }
}

// A root service without a teardown lives as long as the app: not reported.
@Injectable({ providedIn: "root" })
export class PresenceService {
  private socket = new WebSocket("wss://presence.example.com");

  connect(): void {
    this.socket.send("hello");
  }
}

@Component({ selector: "app-clean", template: `` })
export class CleanComponent implements OnInit, OnDestroy {
  private socket?: WebSocket;
  private channel = new BroadcastChannel("clean");

  ngOnInit(): void {
    this.socket = new WebSocket("wss://metrics.example.com/all");
  }

  ngOnDestroy(): void {
    this.socket?.close();
    this.channel.close();
  }
}
