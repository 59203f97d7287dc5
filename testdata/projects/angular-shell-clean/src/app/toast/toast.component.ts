import { Component, OnInit } from "@angular/core";
import { Router } from "@angular/router";

@Component({ selector: "app-toast", template: "<p>{{ text }}</p>" })
export class ToastComponent implements OnInit {
  text = "";

  constructor(private router: Router) {}

  ngOnInit(): void {
    this.router.events.subscribe(() => {
      this.text = "";
    });
  }
}
