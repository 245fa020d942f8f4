/**
 * Names the service uses as URL path segments and folder names (app module
 * ids): 1-128 letters, digits, "_", "." or "-",
 * starting with a letter or digit, so they never need encoding and never
 * name a hidden or parent folder.
 */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The validation message for a field that must match NAME_PATTERN. */
export function nameMessage(field: string): string {
  return `${field} must be 1-128 letters, digits, "_", "." or "-", starting with a letter or digit`;
}

/**
 * Names of catalog entries (datasets, models): people name them in their own
 * language, so 1-128 Unicode letters (with their combining marks), decimal
 * digits, spaces, "_", "." or "-", starting with a letter or digit (never
 * ".", ".." or a leading space), checked in NFC form. No "/" and no control
 * character. They travel percent-encoded in URLs.
 */
export const CATALOG_NAME_PATTERN = /^[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd} _.-]{0,127}$/u;

/** The form a catalog name is compared and stored in: Unicode NFC (a name typed decomposed finds the same entry). */
export function canonicalName(name: string): string {
  return name.normalize('NFC');
}

/** The validation message for a field that must match CATALOG_NAME_PATTERN. */
export function catalogNameMessage(field: string): string {
  return `${field} must be 1-128 letters, digits, spaces, "_", "." or "-", starting with a letter or digit`;
}
