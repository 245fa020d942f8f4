import { JsonStore } from '../store/json-store';

/** Checks one section of the catalog document; returns the problems found (empty: valid). */
export type SectionValidator = (entries: unknown[], section: string) => string[];

/** The catalog document: one list per section (`datasets`, `models`, ...). */
export type CatalogDocument = Record<string, unknown[]>;

/**
 * The durable home of every catalog: one JSON document under DATA_DIR with a
 * list per section. Each catalog registers its section with a validator;
 * the whole document is checked when it is loaded, so a corrupt or
 * hand-edited invalid file stops the service at start with a message naming
 * the file and the bad entries. Writes go through JsonStore: serialized,
 * atomic, durable.
 */
export class CatalogStore {
  private readonly sections = new Map<string, SectionValidator>();
  private readonly store: JsonStore<CatalogDocument>;

  constructor(readonly file: string) {
    this.store = new JsonStore<CatalogDocument>(
      file,
      () => ({}),
      (data): data is CatalogDocument => this.check(data),
    );
  }

  /** Declares a section and how its entries are checked at load. */
  register(section: string, validate: SectionValidator): void {
    this.sections.set(section, validate);
  }

  /** Reads and checks the file; throws CorruptStoreError when it is not a valid catalog. */
  async load(): Promise<void> {
    await this.store.load();
  }

  /** Loads at start (NestJS lifecycle hook), so a bad file stops the service. */
  onModuleInit(): Promise<void> {
    return this.load();
  }

  /** The entries of one section (a copy). */
  async read(section: string): Promise<unknown[]> {
    return structuredClone((await this.store.get())[section] ?? []);
  }

  /**
   * Replaces one section with what `change` returns from its current entries
   * (or changes nothing when `change` throws). Serialized with every other
   * write to the document; resolves once the result is on disk.
   */
  async update<R>(section: string, change: (entries: unknown[]) => { entries: unknown[]; result: R }): Promise<R> {
    let result!: R;
    await this.store.update((doc) => {
      const next = change(doc[section] ?? []);
      result = next.result;
      return { ...doc, [section]: next.entries };
    });
    return result;
  }

  private check(data: unknown): boolean {
    if (!data || typeof data !== 'object' || Array.isArray(data))
      throw new Error('expected an object with a list per catalog');
    const problems: string[] = [];
    for (const [section, validate] of this.sections) {
      const entries = (data as Record<string, unknown>)[section];
      if (entries === undefined) continue;
      if (!Array.isArray(entries)) problems.push(`${section} must be a list`);
      else problems.push(...validate(entries, section));
    }
    if (problems.length) {
      const shown = problems.slice(0, 5).join('; ');
      throw new Error(problems.length > 5 ? `${shown}; and ${problems.length - 5} more` : shown);
    }
    return true;
  }
}
