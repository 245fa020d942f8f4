/**
 * Names the service uses as URL path segments and folder names (catalog
 * entries, app module ids): 1-128 letters, digits, "_", "." or "-",
 * starting with a letter or digit, so they never need encoding and never
 * name a hidden or parent folder.
 */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The validation message for a field that must match NAME_PATTERN. */
export function nameMessage(field: string): string {
  return `${field} must be 1-128 letters, digits, "_", "." or "-", starting with a letter or digit`;
}
