import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isTempNameOf, writeFileAtomic } from './atomic-file';

export class CorruptStoreError extends Error {}

/**
 * One durable JSON document on disk. Reads come from memory; writes are
 * serialized (one at a time, in call order) and atomic, so concurrent writers
 * never lose an update and a crash at any moment leaves the old or the new
 * document, never a mix. A file that is not valid JSON, or that the
 * validator refuses, stops the load with a CorruptStoreError naming the file:
 * it is never silently replaced. The validator may throw an Error whose
 * message says what is wrong; that message is part of the report.
 */
export class JsonStore<T> {
  private value?: T;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly initial: () => T,
    private readonly validate: (data: unknown) => data is T = (d): d is T => d !== undefined,
  ) {}

  /** Reads the file (once); a missing file gives the initial value. */
  async load(): Promise<T> {
    if (this.value !== undefined) return this.value;
    await this.sweepTemporaryFiles();
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.value = this.initial();
      return this.value;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CorruptStoreError(`${this.file} is not valid JSON (${(e as Error).message}); fix or move it away`);
    }
    let valid: boolean;
    try {
      valid = this.validate(data);
    } catch (e) {
      throw new CorruptStoreError(
        `${this.file} does not hold the expected data: ${(e as Error).message}; fix or move it away`,
      );
    }
    if (!valid) throw new CorruptStoreError(`${this.file} does not hold the expected data; fix or move it away`);
    this.value = data as T;
    return this.value;
  }

  /** Removes temporary files of this document left by a crash in the middle of a write. */
  private async sweepTemporaryFiles(): Promise<void> {
    const dir = path.dirname(this.file);
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (isTempNameOf(name, this.file)) await fs.rm(path.join(dir, name), { force: true });
    }
  }

  /** The current value. */
  get(): Promise<T> {
    return this.load();
  }

  /**
   * Changes the document: `change` gets the current value and returns the new
   * one (or throws, changing nothing). Resolves once the new value is on disk.
   */
  update(change: (current: T) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const current = await this.load();
      const next = await change(structuredClone(current));
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
      this.value = next;
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
