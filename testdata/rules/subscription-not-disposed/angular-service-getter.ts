// What an injected service's getter returns (a parent tree's selection
// model) is held by that service and outlives the node subscribing to it.
import { ChangeDetectorRef, Component, inject, Injectable, OnInit } from "@angular/core";
import { Observable } from "rxjs";
import { distinctUntilChanged, map } from "rxjs/operators";

interface Selection {
  changed: Observable<unknown>;
  isSelected(id: string): boolean;
}

@Injectable()
export class OutlineTree {
  private selection!: Selection;

  getSelection(): Selection {
    return this.selection;
  }
}

@Component({ selector: "app-outline-node", template: "<li></li>" })
export class OutlineNodeComponent implements OnInit {
  private tree = inject(OutlineTree);
  private cdr = inject(ChangeDetectorRef);
  id = "";

  ngOnInit(): void {
    this.tree
      .getSelection()
      .changed.pipe(
        map(() => this.tree.getSelection().isSelected(this.id)),
        distinctUntilChanged(),
      )
      .subscribe(() => this.cdr.markForCheck()); // want "subscription-not-disposed"
  }
}
