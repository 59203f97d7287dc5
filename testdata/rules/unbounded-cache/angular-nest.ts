import { Injectable } from "@angular/core";
import { HttpClient } from "@angular/common/http";
import { Injectable as Service, Controller, Get, Param } from "@nestjs/common";
import { Observable, shareReplay } from "rxjs";

interface Product {
  id: string;
  name: string;
}

// Provided in root: one instance for the whole application.
@Injectable({ providedIn: "root" })
export class ProductService {
  private readonly requests = new Map<string, Observable<Product>>();

  constructor(private http: HttpClient) {}

  product(id: string): Observable<Product> {
    let request = this.requests.get(id);
    if (!request) {
      request = this.http.get<Product>(`/api/products/${id}`).pipe(shareReplay(1));
      this.requests.set(id, request); // want "unbounded-cache"
    }
    return request;
  }
}

// Provided by a component: one per component instance, not reported.
@Injectable()
export class FormState {
  private readonly touched = new Set<string>();
  touch(field: string) {
    this.touched.add(field);
  }
}

// NestJS providers are singletons unless scoped.
@Service()
export class ExchangeRates {
  private readonly history: { at: number; rate: number }[] = [];

  record(rate: number) {
    this.history.push({ at: Date.now(), rate }); // want "unbounded-cache"
  }
}

@Controller("reports")
export class ReportsController {
  private rendered: Record<string, string> = {};

  @Get(":id")
  render(@Param("id") id: string) {
    this.rendered[id] = `<h1>Report ${id}</h1>`; // want "unbounded-cache"
    return this.rendered[id];
  }
}
