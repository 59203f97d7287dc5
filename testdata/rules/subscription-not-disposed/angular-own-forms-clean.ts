import { Component, OnInit } from "@angular/core";
import { FormArray, FormBuilder, FormControl, FormGroup } from "@angular/forms";
import { RuleEditorBase } from "./rule-editor-base";

// Forms the dialog builds itself go with it: a group a method makes and
// returns into the dialog's own array, one made with FormBuilder, and
// the form its base class keeps, which the base builds per instance with
// the createForm() this class overrides.
@Component({ selector: "app-rule-editor", template: "" })
export class RuleEditorComponent extends RuleEditorBase implements OnInit {
  conditions = new FormArray<FormGroup>([]);
  private readonly fb = new FormBuilder();

  createForm(): FormGroup {
    return new FormGroup({
      name: new FormControl(""),
      enabled: new FormControl(true),
    });
  }

  ngOnInit(): void {
    this.editorForm.valueChanges.subscribe((value) => this.preview(value));
    this.editorForm.statusChanges.subscribe(() => this.preview(this.editorForm.value));
    this.conditions.push(this.conditionGroup("tag"));
    const limits = this.fb.group({ min: [0], max: [10] });
    limits.controls.max.valueChanges.subscribe((max) => this.preview({ max }));
    this.conditions.push(limits as unknown as FormGroup);
  }

  private conditionGroup(kind: string): FormGroup {
    const group = new FormGroup({
      kind: new FormControl(kind),
      value: new FormControl(""),
    });
    group.get("kind")!.valueChanges.subscribe((next) => {
      group.get("value")!.setValue(next === "tag" ? "" : "*", { emitEvent: false });
    });
    return group;
  }

  private preview(value: unknown): void {
    console.log(value);
  }
}
