import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { notFound } from '../common/domain-error';
import { RUN_EVENT_SOURCE, RunEventSource } from '../events/event-sources';
import { MetricsHistoryDto, MetricsQueryDto } from './dto/metrics.dto';
import { MetricsStore } from './metrics-store';

/** Buckets per series when the query does not say. */
const DEFAULT_BUCKETS = 500;

/** The metric history of runs (GET /api/exec/metrics/{exec_id}). */
@Injectable()
export class MetricsHistoryService {
  constructor(
    @Inject(RUN_EVENT_SOURCE) private readonly runs: RunEventSource,
    private readonly store: MetricsStore,
  ) {}

  /** Each series bucketed by step. */
  history(execId: string, query: MetricsQueryDto): Promise<MetricsHistoryDto> {
    return this.store.history(execId, this.runDir(execId), {
      names: query.names,
      points: query.points ?? DEFAULT_BUCKETS,
      fromStep: query.fromStep,
      toStep: query.toStep,
    });
  }

  /** Every point, one JSON object a line, streamed from disk. */
  raw(execId: string, query: MetricsQueryDto): Readable {
    return Readable.from(this.store.raw(execId, this.runDir(execId), query.names), { objectMode: false });
  }

  private runDir(execId: string): string {
    if (!this.runs.status(execId)) throw notFound(`Run "${execId}" not found`);
    return this.runs.runDir(execId);
  }
}
