import { Component, inject } from "@angular/core";
import { Release, ReleaseService } from "./release-service";

// The twin of request-service-clean: the service's method polls for ever,
// so each refresh leaves a subscription that keeps the badge.
@Component({ selector: "app-release-badge", template: "{{ release?.tag }}" })
export class ReleaseBadgeComponent {
  private releases = inject(ReleaseService);
  release?: Release;

  refresh(): void {
    this.releases.pollForUpdates().subscribe((r) => (this.release = r)); // want "subscription-not-disposed: subscription to this.releases.pollForUpdates\(\) is never unsubscribed"
  }
}
