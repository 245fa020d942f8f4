import { Inject, Injectable } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DockerService } from '../docker/docker.service';
import { tempPathFor } from '../store/atomic-file';
import * as path from 'node:path';
import { HealthDto } from './health.dto';

@Injectable()
export class HealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly docker: DockerService,
  ) {}

  async check(): Promise<HealthDto> {
    const [engine, writable] = await Promise.all([this.engine(), this.dataDirWritable()]);
    return {
      status: engine.reachable && writable ? 'ok' : 'degraded',
      engine,
      dataDir: { path: this.config.DATA_DIR, writable },
    };
  }

  private async engine(): Promise<HealthDto['engine']> {
    if (!(await this.docker.ping())) return { reachable: false };
    const facts = await this.docker.engineFacts().catch(() => undefined);
    return { reachable: true, version: facts?.version };
  }

  private async dataDirWritable(): Promise<boolean> {
    const probe = tempPathFor(path.join(this.config.DATA_DIR, 'health'));
    try {
      await fs.writeFile(probe, '');
      await fs.rm(probe);
      return true;
    } catch {
      return false;
    }
  }
}
