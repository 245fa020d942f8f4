import { parseNvidiaSmi } from './gpu';

describe('parseNvidiaSmi', () => {
  it('keeps each value as nvidia-smi prints it, one GPU a line', () => {
    const out = [
      'NVIDIA GeForce RTX 3090, 35 %, 12 %, 24576 MiB, 3012 MiB, 21564 MiB, 45, 70.12 W, 350.00 W',
      'NVIDIA A100-SXM4-40GB, 0 %, 0 %, 40960 MiB, 0 MiB, 40960 MiB, 30, 55.00 W, 400.00 W',
      '',
    ].join('\n');
    const gpus = parseNvidiaSmi(out);
    expect(gpus).toHaveLength(2);
    expect(gpus[0]).toEqual({
      name: 'NVIDIA GeForce RTX 3090',
      gpu_util: '35 %',
      mem_util: '12 %',
      total_mem: '24576 MiB',
      used_mem: '3012 MiB',
      free_mem: '21564 MiB',
      temp: '45',
      power: '70.12 W',
      power_limit: '350.00 W',
    });
    expect(gpus[1].name).toBe('NVIDIA A100-SXM4-40GB');
  });

  it('gives no GPU for empty output', () => {
    expect(parseNvidiaSmi('\n')).toEqual([]);
  });
});
