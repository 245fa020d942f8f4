import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GpuDevice, NVIDIA_SMI_QUERY, parseGpuInventory, parseNvidiaSmiInventory } from './gpu-devices';

const SAMPLE_INTERVAL_MS = 10_000;

/**
 * The GPUs runs are given: simulated ones from GPU_INVENTORY, else the host's
 * as `nvidia-smi` lists them (sampled in the background for memory use and
 * utilisation; the set of GPUs is the one found at start).
 */
@Injectable()
export class GpuInventory implements OnModuleDestroy {
  private readonly logger = new Logger('GpuInventory');
  readonly simulated: boolean;
  private devices: GpuDevice[] = [];
  private timer?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.simulated = config.GPU_INVENTORY !== undefined && config.GPU_INVENTORY.trim() !== '';
    if (this.simulated) this.devices = parseGpuInventory(config.GPU_INVENTORY!);
  }

  /** Finds the host's GPUs (once), then keeps sampling them. */
  async load(): Promise<void> {
    if (this.simulated || this.timer) return;
    this.devices = await queryNvidiaSmi();
    if (!this.devices.length) return;
    this.logger.log(`${this.devices.length} GPU(s): ${this.devices.map((d) => d.uuid).join(', ')}`);
    const uuids = new Set(this.devices.map((d) => d.uuid));
    this.timer = setInterval(() => {
      void queryNvidiaSmi().then((found) => {
        const sampled = new Map(found.map((d) => [d.uuid, d]));
        this.devices = this.devices.map((d) =>
          uuids.has(d.uuid) && sampled.has(d.uuid) ? { ...d, ...sampled.get(d.uuid)! } : d,
        );
      });
    }, SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  list(): readonly GpuDevice[] {
    return this.devices;
  }

  uuids(): string[] {
    return this.devices.map((d) => d.uuid);
  }
}

function queryNvidiaSmi(timeoutMs = 5000): Promise<GpuDevice[]> {
  return new Promise((resolve) => {
    execFile(
      'nvidia-smi',
      [`--query-gpu=${NVIDIA_SMI_QUERY}`, '--format=csv,noheader,nounits'],
      { timeout: timeoutMs },
      (err, stdout) => resolve(err ? [] : parseNvidiaSmiInventory(stdout)),
    );
  });
}
