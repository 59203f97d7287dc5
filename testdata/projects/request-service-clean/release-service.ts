import { HttpClient } from "@angular/common/http";
import { Injectable, inject } from "@angular/core";
import { Observable } from "rxjs";
import { map } from "rxjs/operators";

export interface Release {
  tag: string;
  newer: boolean;
}

@Injectable({ providedIn: "root" })
export class ReleaseService {
  private http = inject(HttpClient);

  // One request: it completes after its response, whatever the name says.
  pollForUpdates(): Observable<Release> {
    return this.http.get<Release>("/api/release").pipe(map((r) => ({ ...r, tag: r.tag.trim() })));
  }
}
