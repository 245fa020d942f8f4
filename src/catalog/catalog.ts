import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '../common/domain-error';
import { fieldErrorsOf, validationProblem as invalid } from '../common/field-errors';
import type { FieldError } from '../common/problem';
import { CatalogStore } from './catalog-store';
import { CATALOG_NAME_PATTERN, canonicalName, catalogNameMessage } from './name-pattern';

/** Every catalog entry has a name and lives in a storage; all fields are strings. */
export interface CatalogEntry {
  name: string;
  storageId: string;
  [field: string]: string;
}

/** What differs between catalogs (datasets, models): the rest is one implementation. */
export interface CatalogKind<T extends CatalogEntry> {
  /** Section of the catalog document, e.g. `datasets`. */
  section: string;
  /** Singular, capitalised, for messages: `Dataset`. */
  label: string;
  /** The class-validator class of a complete entry (the response DTO). */
  entryClass: new () => T;
  /** The entry's fields in the order they are stored and answered; absent optional fields become "". */
  fields: readonly (keyof T & string)[];
}

const VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/**
 * One catalog (datasets or models): a durable, named list of entries in the
 * CatalogStore. Every change is validated as a whole before anything is
 * written; names are unique; storage ids must name a configured storage.
 */
export class Catalog<T extends CatalogEntry> {
  private readonly storages: ReadonlySet<string>;

  constructor(
    private readonly store: CatalogStore,
    private readonly kind: CatalogKind<T>,
    storageIds: readonly string[],
  ) {
    this.storages = new Set(storageIds);
    // At load, entries are checked for shape and unique names; an unknown
    // storage id is not a corrupt file (the configuration may have changed).
    store.register(kind.section, (entries, section) =>
      this.problems(entries, false).map(
        (p) => `${section}${p.field.startsWith('[') ? '' : '.'}${p.field}: ${p.message}`,
      ),
    );
  }

  async list(): Promise<T[]> {
    return (await this.store.read(this.kind.section)).map((e) => this.normalize(e));
  }

  async get(name: string): Promise<T> {
    const key = this.checkName(name);
    const found = (await this.list()).find((e) => e.name === key);
    if (!found) throw this.notFound(key);
    return found;
  }

  /** Replaces the whole list; refused (nothing changes) unless every entry is valid and names are unique. */
  async replace(items: unknown): Promise<T[]> {
    if (!Array.isArray(items))
      throw invalid([{ field: 'body', message: `body must be a list of ${this.kind.section}` }]);
    const named = items.map(withCanonicalName);
    const problems = this.problems(named, true);
    if (problems.length) throw invalid(problems);
    const entries = named.map((e) => this.normalize(e));
    return this.store.update(this.kind.section, () => ({ entries, result: entries }));
  }

  /** Adds an entry under the URL's name (a name in the body is ignored); CONFLICT when the name exists. */
  async add(name: string, body: object): Promise<T> {
    const entry = this.entry(name, body);
    return this.store.update(this.kind.section, (entries) => {
      if (entries.some((e) => (e as T).name === entry.name)) {
        throw new DomainError('CONFLICT', `${this.kind.label} "${entry.name}" already exists`);
      }
      return { entries: [...entries, entry], result: entry };
    });
  }

  /** Replaces the fields of an existing entry (the name stays the URL's); NOT_FOUND when absent. */
  async update(name: string, body: object): Promise<T> {
    const entry = this.entry(name, body);
    return this.store.update(this.kind.section, (entries) => {
      const i = entries.findIndex((e) => (e as T).name === entry.name);
      if (i < 0) throw this.notFound(entry.name);
      return { entries: entries.map((e, j) => (j === i ? entry : e)), result: entry };
    });
  }

  /** Removes an entry and answers it; NOT_FOUND when absent. */
  async remove(name: string): Promise<T> {
    const key = this.checkName(name);
    return this.store.update(this.kind.section, (entries) => {
      const found = entries.find((e) => (e as T).name === key);
      if (!found) throw this.notFound(key);
      return { entries: entries.filter((e) => e !== found), result: this.normalize(found) };
    });
  }

  // ---- validation ---------------------------------------------------------

  /** The name in its canonical (NFC) form, once it is a valid catalog name. */
  private checkName(name: string): string {
    const key = canonicalName(name);
    if (!CATALOG_NAME_PATTERN.test(key)) throw invalid([{ field: 'name', message: catalogNameMessage('name') }]);
    return key;
  }

  /** A complete, validated entry from a body and the URL's name. */
  private entry(name: string, body: object): T {
    const raw = { ...body, name: this.checkName(name) };
    const problems = this.problemsOf(raw, '', true);
    if (problems.length) throw invalid(problems);
    return this.normalize(raw);
  }

  /** Problems of a list of entries: each entry, then repeated names. */
  private problems(items: unknown[], checkStorage: boolean): FieldError[] {
    const problems = items.flatMap((item, i) => this.problemsOf(item, `[${i}].`, checkStorage));
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const name = (item as Partial<T> | null)?.name;
      if (typeof name !== 'string') return;
      if (seen.has(name)) problems.push({ field: `[${i}].name`, message: `name "${name}" is repeated` });
      seen.add(name);
    });
    return problems;
  }

  private problemsOf(item: unknown, prefix: string, checkStorage: boolean): FieldError[] {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      const field = prefix ? prefix.slice(0, -1) : 'body';
      return [{ field, message: `${field} must be an object describing a ${this.kind.label.toLowerCase()}` }];
    }
    const problems = fieldErrorsOf(validateSync(plainToInstance(this.kind.entryClass, item), VALIDATION)).map((p) => ({
      ...p,
      field: `${prefix}${p.field}`,
    }));
    const storageId = (item as Partial<T>).storageId;
    if (
      checkStorage &&
      typeof storageId === 'string' &&
      !problems.some((p) => p.field === `${prefix}storageId`) &&
      !this.storages.has(storageId)
    ) {
      problems.push({ field: `${prefix}storageId`, message: `storageId "${storageId}" is not a configured storage` });
    }
    return problems;
  }

  private normalize(raw: unknown): T {
    const source = raw as Record<string, unknown>;
    return Object.fromEntries(this.kind.fields.map((f) => [f, typeof source[f] === 'string' ? source[f] : ''])) as T;
  }

  private notFound(name: string): DomainError {
    return new DomainError('NOT_FOUND', `${this.kind.label} "${name}" not found`);
  }
}

/** An entry of a list with its name in canonical (NFC) form, so that it is checked and stored as a URL would name it. */
function withCanonicalName(item: unknown): unknown {
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? { ...(item as object), name: canonicalName(name) } : item;
}
