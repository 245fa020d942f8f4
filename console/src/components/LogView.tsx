import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Log lines in a scrolling box that follows new lines while the reader is at
 * the bottom, and stays put while they scroll back.
 */
export function LogView({ lines, dropped, label }: { lines: string[]; dropped?: number; label: string }) {
  const box = useRef<HTMLPreElement>(null);
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    if (box.current && atBottom.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines.length]);
  const onScroll = () => {
    const el = box.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  return (
    <pre class="log" ref={box} onScroll={onScroll} tabIndex={0} aria-label={label} aria-live="off">
      {dropped ? (
        <span class="muted">
          … {dropped} earlier lines not shown{'\n'}
        </span>
      ) : null}
      {lines.map((line, i) => (
        <span class="log-line" key={i}>
          {line}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
