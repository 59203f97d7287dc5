import { Component, OnInit } from "@angular/core";
import { NavigationEnd, Router } from "@angular/router";
import { filter } from "rxjs/operators";

@Component({ selector: "app-nav-header", templateUrl: "./nav-header.component.html" })
export class NavHeaderComponent implements OnInit {
  url = "";

  constructor(private router: Router) {}

  ngOnInit(): void {
    this.router.events.pipe(filter((e) => e instanceof NavigationEnd)).subscribe((e) => {
      this.url = (e as NavigationEnd).urlAfterRedirects;
    });
  }
}
