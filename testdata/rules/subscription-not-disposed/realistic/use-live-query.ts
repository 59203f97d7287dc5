import { onScopeDispose, ref, shallowRef, watch, type Ref } from "vue";
import { Observable, Subscription, from } from "rxjs";
import { useStore } from "vuex";

export function useSubscription<T>(source: Observable<T>, initial: T): Ref<T> {
  const value = shallowRef(initial) as Ref<T>;
  const subscription: Subscription = source.subscribe((v) => (value.value = v));
  onScopeDispose(() => subscription.unsubscribe());
  return value;
}

export function useLiveQuery<T>(query: Ref<string>, run: (q: string) => Observable<T[]>) {
  const rows = ref<T[]>([]) as Ref<T[]>;
  const error = ref<unknown>(null);
  let current: Subscription | undefined;

  watch(
    query,
    (q) => {
      current?.unsubscribe();
      current = run(q).subscribe({ next: (r) => (rows.value = r), error: (e) => (error.value = e) });
    },
    { immediate: true },
  );

  onScopeDispose(() => current?.unsubscribe());

  from([1, 2, 3]).subscribe((n) => console.debug("warm-up", n));

  return { rows, error };
}

export function useMutationLog() {
  const store = useStore();
  const log = ref<string[]>([]);
  const unsubscribe = store.subscribe((mutation) => log.value.push(mutation.type));
  onScopeDispose(unsubscribe);
  return log;
}
