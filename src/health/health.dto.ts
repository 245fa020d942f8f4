/** Whether the Docker engine answers. */
export class EngineHealthDto {
  reachable: boolean;
  /** The engine's version, when it answers. */
  version?: string;
}

/** Whether the service can write its data folder. */
export class DataDirHealthDto {
  path: string;
  writable: boolean;
}

export class HealthDto {
  /** `ok` when the engine answers and the data folder is writable, else `degraded`. */
  status: 'ok' | 'degraded';
  engine: EngineHealthDto;
  dataDir: DataDirHealthDto;
}
