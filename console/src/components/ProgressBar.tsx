import { percent } from '../format';

/** A progress bar in percent (0–100); an indeterminate bar without a value. */
export function ProgressBar({ value, label }: { value?: number | null; label?: string }) {
  const known = value !== null && value !== undefined && Number.isFinite(value);
  return (
    <span class="progress">
      <progress max={100} value={known ? Math.min(100, Math.max(0, value)) : undefined} aria-label={label ?? 'progress'} />
      <span class="progress-text">{known ? percent(value) : '–'}</span>
    </span>
  );
}
