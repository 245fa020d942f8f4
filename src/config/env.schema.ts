import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { EXEC_NETWORK_MODES, SIZE_PATTERN, sizeProblem } from '../common/docker-values';
import { parseGpuInventory } from '../exec/gpu-devices';
import { PIP_INDEX_URL_PATTERN, PIP_TRUSTED_HOST_PATTERN } from '../image/dockerfile';
import { LOG_LEVELS, LogLevelName } from '../logging/log-settings';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase()) : value;
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A size Docker takes as a memory limit (at least 6m) or a shared memory size (more than 0). */
function IsDockerSize(kind: 'memory' | 'shm'): PropertyDecorator {
  return ValidateBy({
    name: 'isDockerSize',
    validator: {
      validate: (value) => typeof value === 'string' && sizeProblem('value', value, kind) === undefined,
      defaultMessage: (args) => sizeProblem(args?.property ?? 'value', String(args?.value), kind) ?? 'not a size',
    },
  });
}

/** A GPU_INVENTORY value parseGpuInventory takes. */
function IsGpuInventory(): PropertyDecorator {
  const problem = (value: unknown) => {
    try {
      parseGpuInventory(String(value));
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  };
  return ValidateBy({
    name: 'isGpuInventory',
    validator: {
      validate: (value) => problem(value) === undefined,
      defaultMessage: (args) => problem(args?.value) ?? 'not a GPU inventory',
    },
  });
}

/** The comma-separated list form of EXEC_NETWORK_MODES. */
const NETWORK_MODE_LIST = new RegExp(`^(${EXEC_NETWORK_MODES.join('|')})(,(${EXEC_NETWORK_MODES.join('|')}))*$`);

/**
 * The environment variables the service reads, with their rules. Every one is
 * listed with its default and meaning in `.env.example`.
 */
export class EnvVars {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  @IsNotEmpty()
  @Transform(trimmed)
  HOST: string = '127.0.0.1';

  @IsString()
  @IsNotEmpty()
  @Transform(trimmed)
  DATA_DIR: string = './data';

  @IsOptional()
  @IsString()
  @Matches(/^(unix|tcp|http|https|npipe):\/\/.+/, { message: 'DOCKER_HOST must be unix://PATH or tcp://HOST:PORT' })
  DOCKER_HOST?: string;

  /** Seconds a client is told to wait (Retry-After) when the engine does not answer. */
  @IsInt()
  @Min(1)
  @Max(3600)
  ENGINE_RETRY_AFTER_SECONDS: number = 5;

  /** JSON list of storages: [{"id","name","path"}]. Empty: one storage "default" under DATA_DIR. */
  @IsOptional()
  @IsString()
  STORAGES?: string;

  @IsInt()
  @IsPositive()
  UPLOAD_MAX_BYTES: number = 16 * 1024 ** 3;

  @IsInt()
  @IsPositive()
  UNZIP_MAX_ENTRIES: number = 20000;

  @IsInt()
  @IsPositive()
  UNZIP_MAX_TOTAL_BYTES: number = 16 * 1024 ** 3;

  @IsInt()
  @IsPositive()
  UNZIP_MAX_ENTRY_BYTES: number = 8 * 1024 ** 3;

  @IsNumber()
  @IsPositive()
  UNZIP_MAX_RATIO: number = 200;

  /** Network mode of image builds: "auto" (host when the engine has no bridge network), or a Docker network mode. */
  @IsString()
  @Matches(/^[a-zA-Z0-9_.-]+$/)
  BUILD_NETWORK_MODE: string = 'auto';

  @IsInt()
  @IsPositive()
  BUILD_LOG_MAX_LINES: number = 5000;

  /** Builds that run at once; more wait queued. */
  @IsInt()
  @IsPositive()
  BUILD_MAX_RUNNING: number = 2;

  /** Parent cgroup of build steps (the engine's build API has no process limit: the operator limits this cgroup). */
  @IsOptional()
  @IsString()
  @Matches(/^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, {
    message: 'BUILD_CGROUP_PARENT must be a cgroup path such as /webapi-builds',
  })
  BUILD_CGROUP_PARENT?: string;

  /** Package index `pip install` uses in image builds (PIP_INDEX_URL); empty: pip's default (PyPI). */
  @IsOptional()
  @IsString()
  @Matches(PIP_INDEX_URL_PATTERN, { message: 'BUILD_PIP_INDEX_URL must be an http(s) URL' })
  BUILD_PIP_INDEX_URL?: string;

  /** Host pip trusts without valid TLS in image builds (PIP_TRUSTED_HOST), e.g. a local index. */
  @IsOptional()
  @IsString()
  @Matches(PIP_TRUSTED_HOST_PATTERN, { message: 'BUILD_PIP_TRUSTED_HOST must be a host name' })
  BUILD_PIP_TRUSTED_HOST?: string;

  /** Where runs execute: `docker` (one container each on DOCKER_HOST) or `swarm` (one replicated-job service each on the swarm DOCKER_HOST manages). */
  @IsIn(['docker', 'swarm'])
  RUN_BACKEND: 'docker' | 'swarm' = 'docker';

  /** Network mode of exec containers. */
  @IsIn(EXEC_NETWORK_MODES)
  EXEC_NETWORK_MODE: string = 'none';

  /** Comma-separated network modes a request may choose. */
  @IsString()
  @Matches(NETWORK_MODE_LIST)
  EXEC_ALLOWED_NETWORK_MODES: string = 'none';

  /** GPUs a run gets when it does not say: "auto" (one when the host has GPUs), "none", "all", or a count. */
  @IsString()
  @Matches(/^(auto|none|all|\d+)$/)
  EXEC_GPUS: string = 'auto';

  @IsString()
  @IsDockerSize('shm')
  EXEC_SHM_SIZE: string = '1g';

  @IsOptional()
  @IsNumber()
  @IsPositive()
  EXEC_CPUS?: number;

  @IsOptional()
  @IsString()
  @IsDockerSize('memory')
  EXEC_MEMORY?: string;

  @IsInt()
  @IsPositive()
  EXEC_PIDS_LIMIT: number = 4096;

  @IsInt()
  @Min(0)
  EXEC_STOP_GRACE_SECONDS: number = 10;

  @IsString()
  @Matches(SIZE_PATTERN)
  EXEC_LOG_MAX_SIZE: string = '100m';

  @IsInt()
  @IsPositive()
  EXEC_LOG_MAX_FILE: number = 3;

  /** Comma-separated capabilities added back after dropping all. */
  @IsOptional()
  @IsString()
  @Matches(/^([A-Z_]+)(,[A-Z_]+)*$/)
  EXEC_CAP_ADD?: string;

  /** uid:gid that runs (and app-module runs) execute as; never root by default. */
  @IsString()
  @Matches(/^\d{1,10}:\d{1,10}$/, { message: 'EXEC_USER must be uid:gid, e.g. 1000:1000' })
  EXEC_USER: string = '1000:1000';

  /** CPUs all running runs may hold together (their CPU limits); default: the host's CPUs. */
  @IsOptional()
  @IsNumber()
  @IsPositive()
  EXEC_CPU_BUDGET?: number;

  /** Memory all running runs may hold together (their memory limits), e.g. "64g"; default: the host's memory. */
  @IsOptional()
  @IsString()
  @Matches(SIZE_PATTERN)
  EXEC_MEMORY_BUDGET?: string;

  /** Runs running at once; more wait queued. */
  @IsInt()
  @IsPositive()
  EXEC_MAX_RUNNING: number = 16;

  /** Runs one owner (token) may have running at once; empty: no limit. */
  @IsOptional()
  @IsInt()
  @IsPositive()
  EXEC_MAX_RUNNING_PER_OWNER?: number;

  /** Seconds a run may run when it does not say (timeoutSeconds); 0: no limit. */
  @IsInt()
  @Min(0)
  EXEC_TIMEOUT_SECONDS: number = 0;

  /** Largest timeoutSeconds a run may ask for; 0: no ceiling. */
  @IsInt()
  @Min(0)
  EXEC_TIMEOUT_MAX_SECONDS: number = 0;

  /** Seconds a blocked run lets smaller runs start ahead of it; after that it holds the queue until it fits. */
  @IsInt()
  @Min(0)
  EXEC_BACKFILL_SECONDS: number = 300;

  /** Simulated GPUs, a JSON list [{"uuid","name","memoryTotal"}], instead of nvidia-smi's. */
  @IsOptional()
  @IsString()
  @IsGpuInventory()
  GPU_INVENTORY?: string;

  /** Folder of app modules (<APPS_DIR>/<id>/appinfo.json). */
  @IsString()
  @IsNotEmpty()
  APPS_DIR: string = './apps';

  /** Folder of the built web console served at / (npm run build:console writes it). */
  @IsString()
  @IsNotEmpty()
  CONSOLE_DIR: string = './console/dist';

  @IsInt()
  @IsPositive()
  APP_RUN_TIMEOUT_SECONDS: number = 300;

  /** Longest wait (seconds) for a server module to answer GET /api/ping after its container starts. */
  @IsInt()
  @IsPositive()
  APP_SERVER_READY_TIMEOUT_SECONDS: number = 60;

  /** Network mode of server app modules: "auto" (host when the engine has no bridge network), "host" or "bridge". */
  @IsIn(['auto', 'host', 'bridge'])
  APP_SERVER_NETWORK_MODE: string = 'auto';

  /** Bearer token required on every route but the public ones (id "default"); empty: authentication off. */
  @IsOptional()
  @IsString()
  API_TOKEN?: string;

  /** A file of tokens, one "id:token" a line. */
  @IsOptional()
  @IsString()
  API_TOKENS_FILE?: string;

  /** Allow listening on a non-loopback HOST without any token. */
  @IsBoolean()
  @Transform(toBool)
  ALLOW_UNAUTHENTICATED: boolean = false;

  /** Lifetime of a browser session opened with POST /api/auth/login, in seconds. */
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  SESSION_TTL_SECONDS: number = 12 * 3600;

  /** Comma-separated origins allowed by CORS. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Comma-separated Host header values accepted (empty: any). */
  @IsOptional()
  @IsString()
  ALLOWED_HOSTS?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'log';

  /** Serve GET /api/metrics without a token (for a Prometheus that cannot send one). */
  @IsBoolean()
  @Transform(toBool)
  METRICS_PUBLIC: boolean = false;

  /** Longest a stop (SIGTERM) may take: requests in flight finish, then the modules shut down. */
  @IsInt()
  @Min(1)
  @Max(3600)
  SHUTDOWN_GRACE_SECONDS: number = 30;

  /** Longest line of the audit log in bytes; longer entries have their long values cut (and say so). */
  @IsInt()
  @Min(1024)
  AUDIT_MAX_ENTRY_BYTES: number = 8192;

  /** Size in bytes past which the audit log is rotated (audit.log -> audit.log.1 ...). */
  @IsInt()
  @Min(64 * 1024)
  AUDIT_ROTATE_BYTES: number = 64 * 1024 * 1024;

  /** Rotated audit logs kept (audit.log.1 ... audit.log.N). */
  @IsInt()
  @Min(1)
  @Max(100)
  AUDIT_ROTATE_FILES: number = 5;

  /** Login attempts (POST /api/auth/login) a client may make per minute; more answer 429 with Retry-After. */
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE: number = 10;
  /** Seconds between keep-alive comments on an idle event stream (at most 15). */
  @IsInt()
  @Min(1)
  @Max(15)
  EVENTS_KEEPALIVE_SECONDS: number = 15;

  /** Events each run or build event stream holds for replay (besides its latest status, progress and result). */
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  EVENTS_WINDOW_EVENTS: number = 10000;

  /** Bytes of event data each event stream holds for replay. */
  @IsInt()
  @Min(1024)
  @Max(1024 ** 3)
  EVENTS_WINDOW_BYTES: number = 8 * 1024 ** 2;

  /** Milliseconds between checks of a running run's folder when file watching misses a change. */
  @IsInt()
  @Min(100)
  @Max(60000)
  EVENTS_WATCH_FALLBACK_MS: number = 2000;
}
