package analyzer

import (
	"reflect"
	"testing"
)

func TestChildHandlers(t *testing.T) {
	cases := []struct {
		name, path, src string
		want            []string
	}{
		{"vue child events", "a.vue", `<template>
  <div v-if="count > 1" class="x">
    <Ckeditor :editor="editor" @ready="onEditorReady" @input="onInput" />
    <rich-editor v-on:loaded="onLoaded($event)" @focus="() => focused = true" />
    <!-- <Other @ready="commentedOut" /> -->
  </div>
</template>
<script>
const markup = '<Fake @ready="inScript" />'
export default { methods: { onEditorReady() {}, onInput() {}, onLoaded() {} } }
</script>`, []string{"onEditorReady", "onInput", "onLoaded"}},
		{"vue plain elements are not children", "b.vue", `<template>
  <Picker @select="onPick" />
  <button @click="onPick">again</button>
  <button @click="onClick" />
</template>
<script setup>
function onPick() {}
function onClick() {}
</script>`, nil},
		{"svelte", "c.svelte", `<script>
  function onMapLoad(map) {}
  function onClick() {}
</script>
<Map on:load={onMapLoad} {center} />
<div on:click={onClick}></div>`, []string{"onMapLoad"}},
		{"no markup", "d.vue", `<script>export default {}</script>`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, comp, ok := maskComponent(c.path, []byte(c.src))
			if !ok {
				t.Fatal("no script block found")
			}
			if !reflect.DeepEqual(comp.ChildHandlers, c.want) {
				t.Errorf("ChildHandlers = %q, want %q", comp.ChildHandlers, c.want)
			}
		})
	}
}

// A tag or attribute cut off at the end of the file ends the scan without
// a panic.
func TestChildHandlersTruncated(t *testing.T) {
	for _, src := range []string{`<script>x</script><Foo @ready="on`, `<script>x</script><Foo @ready=`, `<script>x</script><Foo {`, `<script>x</script><!-- <Foo`, `<script>x</script><`} {
		_, _, comp, _ := maskComponent("e.vue", []byte(src))
		if len(comp.ChildHandlers) != 0 {
			t.Errorf("%q: ChildHandlers = %q, want none", src, comp.ChildHandlers)
		}
	}
}
