import { percent } from '../format';

/** A progress bar in percent (0–100); `unknown` (default "–") while no value is known. */
export function ProgressBar({
  value,
  label,
  unknown = '–',
  wide,
}: {
  value?: number | null;
  label?: string;
  unknown?: string;
  wide?: boolean;
}) {
  if (value === null || value === undefined || !Number.isFinite(value)) return <span class="muted">{unknown}</span>;
  return (
    <span class={wide ? 'progress wide' : 'progress'}>
      <progress max={100} value={Math.min(100, Math.max(0, value))} aria-label={label ?? 'progress'} />
      <span class="progress-text">{percent(value)}</span>
    </span>
  );
}
