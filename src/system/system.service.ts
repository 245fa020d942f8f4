import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as si from 'systeminformation';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DockerService } from '../docker/docker.service';
import { GpuInfoDto, SystemInfoDto } from './dto/system-info.dto';
import { queryGpus } from './gpu';
import { SwarmNode, sortNodes, toSwarmNode } from './swarm-nodes';

const SAMPLE_INTERVAL_MS = 2000;

/**
 * Host facts. What takes time to measure (CPU use, GPUs) is sampled in the
 * background, so a request only reads the latest sample.
 */
@Injectable()
export class SystemService implements OnModuleInit, OnModuleDestroy {
  private cpu?: Promise<{ model: string; threads: number; cores: number }>;
  private cpuUtil = 0;
  private gpus: GpuInfoDto[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly docker: DockerService,
  ) {}

  onModuleInit(): void {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The swarm's nodes, managers first. */
  async nodes(): Promise<SwarmNode[]> {
    return sortNodes((await this.docker.listSwarmNodes()).map(toSwarmNode));
  }

  async info(): Promise<SystemInfoDto> {
    this.cpu ??= si.cpu().then((c) => ({
      model: [c.manufacturer, c.brand].filter(Boolean).join(' ') || os.cpus()[0]?.model || 'unknown',
      threads: c.cores || os.cpus().length,
      cores: c.physicalCores || c.cores,
    }));
    // A failed read is not kept: the next request asks again.
    this.cpu.catch(() => (this.cpu = undefined));
    const [cpu, mem, disk] = await Promise.all([this.cpu, si.mem(), this.disk()]);
    return {
      cpu_info: cpu.model,
      cpu_thread_count: cpu.threads,
      cpu_core_count: cpu.cores,
      cpu_util: this.cpuUtil,
      total_memory: mem.total,
      available_memory: mem.available,
      platform: `${os.type()}-${os.release()}-${os.arch()}`,
      node: os.hostname(),
      ...disk,
      gpu_info: this.gpus[0] ?? null,
      gpus: this.gpus,
    };
  }

  /** The disk holding the data folder (or its nearest existing parent). */
  private async disk(): Promise<Pick<SystemInfoDto, 'disk_total' | 'disk_used' | 'disk_free'>> {
    let dir = this.config.DATA_DIR;
    for (;;) {
      try {
        const s = await fs.statfs(dir);
        const total = s.blocks * s.bsize;
        return { disk_total: total, disk_used: total - s.bfree * s.bsize, disk_free: s.bavail * s.bsize };
      } catch (e) {
        const parent = dir.replace(/\/[^/]*$/, '') || '/';
        if (parent === dir) throw e;
        dir = parent;
      }
    }
  }

  private async sample(): Promise<void> {
    const [load, gpus] = await Promise.all([si.currentLoad().catch(() => undefined), queryGpus()]);
    if (load) this.cpuUtil = Math.round(load.currentLoad * 10) / 10;
    this.gpus = gpus;
  }
}
