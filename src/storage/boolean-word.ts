/**
 * The one reading of a boolean query parameter or form field of the storage
 * routes (`recursive`, `unzip`): exactly `true` or `false`. Anything else is
 * undefined, for the caller to refuse with a 400.
 */
export function booleanWord(value: unknown): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}
