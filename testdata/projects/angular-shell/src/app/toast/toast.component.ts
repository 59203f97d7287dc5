import { Component, OnInit } from "@angular/core";
import { Router } from "@angular/router";

@Component({ selector: "app-toast", template: "<p>{{ text }}</p>" })
export class ToastComponent implements OnInit {
  text = "";

  constructor(private router: Router) {}

  ngOnInit(): void {
    this.router.events.subscribe(() => { // want "subscription-not-disposed: subscription to this.router.events is never unsubscribed"
      this.text = "";
    });
  }
}
