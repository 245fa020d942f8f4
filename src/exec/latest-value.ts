/**
 * The latest value per key when answers can arrive out of order: take a
 * ticket when asking, and an answer is kept only if no later-asked answer
 * (or direct set) has been kept already. So an engine description asked
 * before a container's exit never overwrites the exit the event reported.
 */
export class LatestValue<T> {
  private readonly issued = new Map<string, number>();
  private readonly applied = new Map<string, number>();
  private readonly values = new Map<string, T>();

  ticket(key: string): number {
    const n = (this.issued.get(key) ?? 0) + 1;
    this.issued.set(key, n);
    return n;
  }

  /** Keeps `value` if `ticket` is newer than the last kept one; returns whether it was kept. */
  offer(key: string, ticket: number, value: T): boolean {
    if (ticket <= (this.applied.get(key) ?? 0)) return false;
    this.applied.set(key, ticket);
    this.values.set(key, value);
    return true;
  }

  /** Sets a value now, newer than every answer still on its way. */
  set(key: string, value: T): void {
    this.offer(key, this.ticket(key), value);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  get(key: string): T | undefined {
    return this.values.get(key);
  }

  delete(key: string): void {
    // Tickets are kept, so late answers for a forgotten key are still refused.
    this.values.delete(key);
    this.applied.set(key, this.issued.get(key) ?? 0);
  }
}
