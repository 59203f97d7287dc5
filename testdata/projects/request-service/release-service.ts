import { HttpClient } from "@angular/common/http";
import { Injectable, inject } from "@angular/core";
import { Observable, interval } from "rxjs";
import { switchMap } from "rxjs/operators";

export interface Release {
  tag: string;
  newer: boolean;
}

@Injectable({ providedIn: "root" })
export class ReleaseService {
  private http = inject(HttpClient);

  // A request every minute, for ever: the stream never completes.
  pollForUpdates(): Observable<Release> {
    return interval(60_000).pipe(switchMap(() => this.http.get<Release>("/api/release")));
  }
}
