import { EngineNode } from '../docker/docker.types';

/**
 * The swarm's nodes as the API shows them, read from the engine's node
 * objects (`GET /nodes`). Pure: the engine's answer in, the API's shape out.
 */

/** A node's countable or named resource (a GPU advertised with `--node-generic-resource`). */
export interface GenericResource {
  /** For example `NVIDIA-GPU`. */
  kind: string;
  /** A count (discrete resources) or a name, such as a GPU's uuid (named resources). */
  value: number | string;
}

export interface SwarmNode {
  id: string;
  hostname: string;
  role: string;
  /** Whether the scheduler places runs on it: `active`, `pause` or `drain`. */
  availability: string;
  /** `ready`, `down`, `disconnected` or `unknown`. */
  state: string;
  /** The address the node is reached at. */
  address: string;
  /** Whether it is the managers' leader. */
  leader: boolean;
  cpus: number;
  memoryBytes: number;
  /** Node labels, which run constraints (`node.labels.<key>==<value>`) match. */
  labels: Record<string, string>;
  genericResources: GenericResource[];
  engineVersion: string;
}

export function toSwarmNode(node: EngineNode): SwarmNode {
  const description = node.Description ?? {};
  const resources = description.Resources ?? {};
  return {
    id: node.ID ?? '',
    hostname: description.Hostname ?? '',
    role: node.Spec?.Role ?? 'unknown',
    availability: node.Spec?.Availability ?? 'unknown',
    state: node.Status?.State ?? 'unknown',
    address: node.Status?.Addr ?? node.ManagerStatus?.Addr?.replace(/:\d+$/, '') ?? '',
    leader: node.ManagerStatus?.Leader === true,
    cpus: (resources.NanoCPUs ?? 0) / 1e9,
    memoryBytes: resources.MemoryBytes ?? 0,
    labels: { ...(node.Spec?.Labels ?? {}) },
    genericResources: (resources.GenericResources ?? []).flatMap((r): GenericResource[] => {
      const discrete = r.DiscreteResourceSpec;
      if (discrete?.Kind) return [{ kind: discrete.Kind, value: discrete.Value ?? 0 }];
      const named = r.NamedResourceSpec;
      if (named?.Kind) return [{ kind: named.Kind, value: named.Value ?? '' }];
      return [];
    }),
    engineVersion: description.Engine?.EngineVersion ?? '',
  };
}

/** Managers first, then by hostname, so the list reads the same on every call. */
export function sortNodes(nodes: SwarmNode[]): SwarmNode[] {
  const rank = (n: SwarmNode) => (n.role === 'manager' ? 0 : 1);
  return [...nodes].sort(
    (a, b) => rank(a) - rank(b) || a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id),
  );
}
