import { useEffect, useState } from "react";
import type { Observable } from "rxjs";

import { useAppStore } from "./store";

type Quote = { symbol: string; bid: number };

export function QuoteRow({ quotes$, live }: { quotes$: Observable<Quote>; live: boolean }) {
  const [quote, setQuote] = useState<Quote | null>(null);
  const theme = useAppStore((s) => s.theme);

  useEffect(() => {
    try {
      quotes$.subscribe(setQuote); // want "subscription-not-disposed"
    } catch (e) {
      console.error(e);
    }
  }, [quotes$]);

  useEffect(() => {
    if (live) {
      useAppStore.subscribe((s) => console.debug("theme", s.theme)); // want "subscription-not-disposed"
    }
  }, [live]);

  return <tr className={theme}>{quote?.bid}</tr>;
}
