import { Component, inject } from "@angular/core";
import { Release, ReleaseService } from "./release-service";

@Component({ selector: "app-release-badge", template: "{{ release?.tag }}" })
export class ReleaseBadgeComponent {
  private releases = inject(ReleaseService);
  release?: Release;

  refresh(): void {
    this.releases.pollForUpdates().subscribe((r) => (this.release = r));
  }
}
