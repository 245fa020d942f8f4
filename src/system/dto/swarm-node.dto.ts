import { ApiProperty } from '@nestjs/swagger';
import { GenericResource, SwarmNode } from '../swarm-nodes';

/** A resource a node advertises besides CPU and memory (`dockerd --node-generic-resource`). */
export class GenericResourceDto implements GenericResource {
  /** For example `NVIDIA-GPU`. */
  kind: string;
  /** A count (discrete resource) or a name such as a GPU's uuid (named resource). */
  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string' }] })
  value: number | string;
}

/** One node of the swarm the engine belongs to. */
export class SwarmNodeDto implements SwarmNode {
  /** The engine's node id. */
  id: string;
  hostname: string;
  /** `manager` or `worker`. */
  role: string;
  /** Whether runs are placed on it: `active`, `pause` or `drain`. */
  availability: string;
  /** `ready`, `down`, `disconnected` or `unknown`. */
  state: string;
  /** The address the swarm reaches it at. */
  address: string;
  /** Whether it leads the managers. */
  leader: boolean;
  /** Logical processors. */
  cpus: number;
  /** Bytes of memory. */
  @ApiProperty({ type: 'integer' })
  memoryBytes: number;
  /** Node labels, which run constraints match (`node.labels.<key>==<value>`). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  labels: Record<string, string>;
  @ApiProperty({ type: [GenericResourceDto] })
  genericResources: GenericResourceDto[];
  /** Docker version of the node's engine. */
  engineVersion: string;
}
