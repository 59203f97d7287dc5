import { useEffect, useState } from "react";

// 窗口 😀: the text before the finding is not all ASCII on purpose.
export function Size() {
  const [width, setWidth] = useState(window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
    return () => {
      window.removeEventListener("resize", onResize);
    };
  }, []);
  return <span>{width}</span>;
}
