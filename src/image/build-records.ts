import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { RECORD_ID_PATTERN, RecordDir } from '../store/record-dir';
import { LogExtent } from './build-log-file';
import { BuildPhase, BuildResult } from './dto/image-build.dto';

/** What a build makes: the generated Dockerfile on its base image. */
export interface BuildPlan {
  /** The tag, with Docker's implied `:latest`. */
  name: string;
  baseImage: string;
  dockerfile: string;
}

/** The durable record of one build (`<id>.json`, its full log beside it in `<id>.log`). */
export interface BuildRecord {
  id: string;
  name: string;
  phase: BuildPhase;
  result: BuildResult | null;
  error: string | null;
  imageId: string | null;
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** What the log file holds once the build ended (while it builds, its writer knows). */
  log: LogExtent;
  /** What to build, kept until the build ends, so a queued build is still built after a restart. */
  plan?: Omit<BuildPlan, 'name'>;
}

const PHASES = new Set<string>(Object.values(BuildPhase));

function isBuildRecord(data: unknown, id: string): data is BuildRecord {
  const r = data as BuildRecord;
  return (
    !!r &&
    typeof r === 'object' &&
    r.id === id &&
    typeof r.name === 'string' &&
    PHASES.has(r.phase) &&
    typeof r.submittedAt === 'string' &&
    !!r.log &&
    Number.isInteger(r.log.lines) &&
    Number.isInteger(r.log.bytes)
  );
}

/** A new build id: sorts by creation time, unique across restarts. */
export function newBuildId(): string {
  return `${Date.now().toString(36).padStart(9, '0')}-${randomBytes(6).toString('hex')}`;
}

/** Build records and their log files, in one folder. */
export class BuildRecordStore {
  private readonly records: RecordDir<BuildRecord>;

  constructor(readonly dir: string) {
    this.records = new RecordDir(dir, isBuildRecord);
  }

  logFileOf(id: string): string {
    if (!RECORD_ID_PATTERN.test(id)) throw new Error(`not a build id: ${JSON.stringify(id)}`);
    return path.join(this.dir, `${id}.log`);
  }

  /** Every record, oldest submission first; unreadable files are named and left alone, logs without a record removed. */
  async loadAll(): Promise<{ records: BuildRecord[]; unreadable: string[] }> {
    const { records, unreadable } = await this.records.loadAll();
    const ids = new Set(records.map((r) => r.id));
    for (const name of await fs.readdir(this.dir)) {
      if (name.endsWith('.log') && !ids.has(name.slice(0, -'.log'.length)))
        await fs.rm(path.join(this.dir, name), { force: true });
    }
    records.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
    return { records, unreadable };
  }

  save(record: BuildRecord): Promise<void> {
    return this.records.save(record.id, record);
  }

  /** Forgets a build: its record, then its log. */
  async remove(id: string): Promise<void> {
    await this.records.remove(id);
    await fs.rm(this.logFileOf(id), { force: true });
  }
}
