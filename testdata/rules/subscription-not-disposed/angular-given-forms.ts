import { Component, Input, OnInit } from "@angular/core";
import { FormControl, FormGroup } from "@angular/forms";
import { FilterBase } from "./filter-base";
import { FormRegistry } from "./form-registry";

// Forms that come from elsewhere can outlive the component: a parent's
// control handed in, a group a caller passes, one put in a registry that
// outlives the component, and a form the base class keeps when this class
// builds none itself.
@Component({ selector: "app-filter-row", template: "" })
export class FilterRowComponent extends FilterBase implements OnInit {
  @Input() parentForm!: FormGroup;

  constructor(private readonly registry: FormRegistry) {
    super();
  }

  ngOnInit(): void {
    this.parentForm.valueChanges.subscribe((v) => this.apply(v)); // want "subscription-not-disposed: subscription to this\.parentForm\.valueChanges is never unsubscribed"
    this.filterForm.valueChanges.subscribe((v) => this.apply(v)); // want "subscription-not-disposed: subscription to this\.filterForm\.valueChanges is never unsubscribed"
    const shared = new FormGroup({ query: new FormControl("") });
    this.registry.current = shared;
    shared.valueChanges.subscribe((v) => this.apply(v)); // want "subscription-not-disposed: subscription to shared\.valueChanges is never unsubscribed"
  }

  watch(group: FormGroup): void {
    group.get("query")!.valueChanges.subscribe((v) => this.apply(v)); // want "subscription-not-disposed: subscription to group\.get\(.query.\)!\.valueChanges is never unsubscribed"
  }

  private apply(value: unknown): void {
    console.log(value);
  }
}
