/** How the console writes numbers, sizes and times. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  let value = n;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function percent(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '–' : `${Math.round(n * 10) / 10} %`;
}

/** A time as the local clock shows it; `–` for none. */
export function time(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '' || String(value).startsWith('0001-')) return '–';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? '–' : date.toLocaleString();
}

/** A duration in seconds as `1 h 02 min`, `3 min 05 s` or `42 s`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}
