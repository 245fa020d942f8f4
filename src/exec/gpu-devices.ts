/** One GPU of the host. */
export interface GpuDevice {
  index: number;
  uuid: string;
  name: string;
  /** MiB. */
  memoryTotal: number;
  /** MiB, as last sampled; null for simulated GPUs. */
  memoryUsed: number | null;
  /** Percent, as last sampled; null for simulated GPUs. */
  utilization: number | null;
}

const UUID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export const NVIDIA_SMI_QUERY = 'index,uuid,name,memory.total,memory.used,utilization.gpu';

/** Parses GPU_INVENTORY: a JSON list of simulated GPUs `[{uuid, name, memoryTotal}]`. Throws a message naming the problem. */
export function parseGpuInventory(raw: string): GpuDevice[] {
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw new Error('GPU_INVENTORY must be a JSON list of {"uuid","name","memoryTotal"}');
  }
  if (!Array.isArray(list)) throw new Error('GPU_INVENTORY must be a JSON list of {"uuid","name","memoryTotal"}');
  const seen = new Set<string>();
  return list.map((item, index) => {
    const { uuid, name, memoryTotal } = (item ?? {}) as Record<string, unknown>;
    if (typeof uuid !== 'string' || !UUID.test(uuid))
      throw new Error(`GPU_INVENTORY[${index}].uuid must be 1-128 letters, digits, "_" or "-"`);
    if (seen.has(uuid)) throw new Error(`GPU_INVENTORY[${index}].uuid "${uuid}" is repeated`);
    seen.add(uuid);
    if (name !== undefined && typeof name !== 'string')
      throw new Error(`GPU_INVENTORY[${index}].name must be a string`);
    if (memoryTotal !== undefined && !(typeof memoryTotal === 'number' && memoryTotal >= 0)) {
      throw new Error(`GPU_INVENTORY[${index}].memoryTotal must be a number of MiB`);
    }
    return {
      index,
      uuid,
      name: name ?? 'simulated GPU',
      memoryTotal: memoryTotal ?? 0,
      memoryUsed: null,
      utilization: null,
    };
  });
}

/** Parses `nvidia-smi --query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu --format=csv,noheader,nounits`. */
export function parseNvidiaSmiInventory(csv: string): GpuDevice[] {
  const number = (v: string | undefined) => (v !== undefined && /^\d+(\.\d+)?$/.test(v) ? Number(v) : null);
  return csv
    .split('\n')
    .map((line) => line.split(',').map((v) => v.trim()))
    .filter((v) => v.length >= 3 && UUID.test(v[1]))
    .map(([index, uuid, name, total, used, util]) => ({
      index: Number(index),
      uuid,
      name,
      memoryTotal: number(total) ?? 0,
      memoryUsed: number(used),
      utilization: number(util),
    }));
}
