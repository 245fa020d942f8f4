import { ApiProperty } from '@nestjs/swagger';

/** One GPU, each value as nvidia-smi prints it (for example `"35 %"`, `"24576 MiB"`). */
export class GpuInfoDto {
  /** Product name. */
  name: string;
  /** Core utilisation, e.g. `"35 %"`. */
  gpu_util: string;
  /** Memory utilisation, e.g. `"12 %"`. */
  mem_util: string;
  /** Total memory, e.g. `"24576 MiB"`. */
  total_mem: string;
  used_mem: string;
  free_mem: string;
  /** Temperature in °C, e.g. `"45"`. */
  temp: string;
  /** Power draw, e.g. `"70.12 W"`. */
  power: string;
  power_limit: string;
}

/** The host's current state. */
export class SystemInfoDto {
  /** CPU model name. */
  cpu_info: string;
  /** Logical processors. */
  @ApiProperty({ type: 'integer' })
  cpu_thread_count: number;
  /** Physical cores. */
  @ApiProperty({ type: 'integer' })
  cpu_core_count: number;
  /** CPU use in percent, sampled in the background. */
  cpu_util: number;
  /** Bytes of main memory. */
  @ApiProperty({ type: 'integer' })
  total_memory: number;
  /** Bytes of main memory available to new work. */
  @ApiProperty({ type: 'integer' })
  available_memory: number;
  /** Platform name, e.g. `Linux-6.1.0-x86_64`. */
  platform: string;
  /** Network node name (host name). */
  node: string;
  /** Bytes of the disk holding the data folder. */
  @ApiProperty({ type: 'integer' })
  disk_total: number;
  @ApiProperty({ type: 'integer' })
  disk_used: number;
  @ApiProperty({ type: 'integer' })
  disk_free: number;
  /** The first GPU, or null without a GPU. */
  @ApiProperty({ type: GpuInfoDto, nullable: true })
  gpu_info: GpuInfoDto | null;
  /** Every GPU, in the same shape; empty without a GPU. */
  @ApiProperty({ type: [GpuInfoDto] })
  gpus: GpuInfoDto[];
}
