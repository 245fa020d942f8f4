/** Whether the Docker engine answers. */
export class EngineHealthDto {
  reachable: boolean;
}

/** Whether the service can write its data folder. */
export class DataDirHealthDto {
  writable: boolean;
}

/**
 * The service's health. Public (no token needed), so it tells only what a
 * load balancer or an operator's probe needs: no paths, no versions.
 */
export class HealthDto {
  /** `ok` when the engine answers and the data folder is writable, else `degraded`. */
  status: 'ok' | 'degraded';
  engine: EngineHealthDto;
  dataDir: DataDirHealthDto;
}
