import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TEMP_PREFIX, writeFileAtomic } from './atomic-file';

/** Ids usable as file names: no separators, no dot first. */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export interface LoadedRecordDir<T> {
  records: T[];
  /** Files that could not be read as a record (kept as they are, never overwritten). */
  unreadable: string[];
}

/**
 * Durable records, one small JSON file each (`<dir>/<id>.json`), each written
 * atomically. One file per record keeps every write small and independent of
 * how many records exist, a damaged file costs one record rather than the
 * list, and forgetting one is an unlink. Writes to the same id are applied in
 * call order. Framework-free.
 */
export class RecordDir<T> {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    readonly dir: string,
    /** True when `data`, read from `<id>.json`, is a record with that id. */
    private readonly isRecord: (data: unknown, id: string) => data is T,
  ) {}

  fileOf(id: string): string {
    if (!RECORD_ID_PATTERN.test(id)) throw new Error(`not a record id: ${JSON.stringify(id)}`);
    return path.join(this.dir, `${id}.json`);
  }

  /** Reads every record; leftovers of interrupted writes are removed. */
  async loadAll(): Promise<LoadedRecordDir<T>> {
    await fs.mkdir(this.dir, { recursive: true });
    const records: T[] = [];
    const unreadable: string[] = [];
    await Promise.all(
      (await fs.readdir(this.dir)).map(async (name) => {
        const file = path.join(this.dir, name);
        if (name.startsWith(TEMP_PREFIX)) return fs.rm(file, { force: true });
        if (!name.endsWith('.json')) return;
        try {
          const data: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
          if (this.isRecord(data, name.slice(0, -'.json'.length))) records.push(data);
          else unreadable.push(file);
        } catch {
          unreadable.push(file);
        }
      }),
    );
    return { records, unreadable };
  }

  /** Writes the record as it is now (a snapshot is taken at once). */
  save(id: string, record: T): Promise<void> {
    const file = this.fileOf(id);
    const snapshot = JSON.stringify(record, null, 2) + '\n';
    return this.enqueue(id, async () => {
      await fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(file, snapshot);
    });
  }

  remove(id: string): Promise<void> {
    const file = this.fileOf(id);
    return this.enqueue(id, () => fs.rm(file, { force: true }));
  }

  private enqueue(id: string, work: () => Promise<unknown>): Promise<void> {
    const run = (this.queues.get(id) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return run.then(() => undefined);
  }
}
