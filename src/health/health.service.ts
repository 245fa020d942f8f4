import { Inject, Injectable } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DockerService } from '../docker/docker.service';
import * as path from 'node:path';
import { tempPathFor } from '../store/atomic-file';
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
      dataDir: { writable },
    };
  }

  private async engine(): Promise<HealthDto['engine']> {
    return { reachable: await this.docker.ping() };
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
