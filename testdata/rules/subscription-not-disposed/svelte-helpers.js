import { onMount } from "svelte";
import { get } from "svelte/store";

import { locale, messages } from "./i18n.js";

// Called from a component's <script>: onMount ties it to that component.
export function useTranslations(render) {
  onMount(() => {
    locale.subscribe((l) => render(get(messages)[l])); // want "subscription-not-disposed"
  });
}

export function useLocale(render) {
  onMount(() => {
    const unsubscribe = locale.subscribe(render);
    return () => unsubscribe();
  });
}
