import { execFile } from 'node:child_process';
import { GpuInfoDto } from './dto/system-info.dto';

const FIELDS: (keyof GpuInfoDto)[] = [
  'name',
  'gpu_util',
  'mem_util',
  'total_mem',
  'used_mem',
  'free_mem',
  'temp',
  'power',
  'power_limit',
];
const QUERY =
  'name,utilization.gpu,utilization.memory,memory.total,memory.used,memory.free,temperature.gpu,power.draw,power.limit';

/** Parses `nvidia-smi --query-gpu=… --format=csv,noheader` output, one GPU a line. */
export function parseNvidiaSmi(csv: string): GpuInfoDto[] {
  return csv
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const values = line.split(',').map((v) => v.trim());
      return Object.fromEntries(FIELDS.map((f, i) => [f, values[i] ?? ''])) as unknown as GpuInfoDto;
    });
}

/** The host's GPUs as nvidia-smi reports them; empty when there is no nvidia-smi or it fails. */
export function queryGpus(timeoutMs = 3000): Promise<GpuInfoDto[]> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', [`--query-gpu=${QUERY}`, '--format=csv,noheader'], { timeout: timeoutMs }, (err, stdout) =>
      resolve(err ? [] : parseNvidiaSmi(stdout)),
    );
  });
}
