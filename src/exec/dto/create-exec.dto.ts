import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsInt,
  IsNumber,
  IsOptional,
  Min,
  IsString,
  Matches,
  Max,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';
import { constraintsProblem } from '../placement-constraints';
import {
  commandProblems,
  EXEC_ID_PATTERN,
  GPUS_PATTERN,
  IMAGE_REF_PATTERN,
  NETWORK_MODES,
  SIZE_PATTERN,
  userdataProblems,
} from '../exec-options';
import { ANY_JSON } from './exec-query.dto';
import { RUN_PHASES, RunPhase } from './exec-status.dto';

/** Largest `userdata`, serialized. */
export const USERDATA_MAX_BYTES = 64 * 1024;

function IsCommand(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCommand',
      validator: {
        validate: (value) => commandProblems(value) === undefined,
        defaultMessage: (args) => commandProblems(args?.value) ?? 'invalid command',
      },
    },
    options,
  );
}

function IsJsonValue(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJsonValue',
      validator: {
        validate: (value) => userdataProblems(value, maxBytes) === undefined,
        defaultMessage: (args) => userdataProblems(args?.value, maxBytes) ?? 'invalid JSON value',
      },
    },
    options,
  );
}

function IsGpus(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isGpus',
      validator: {
        validate: (value) =>
          (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1024) ||
          (typeof value === 'string' && GPUS_PATTERN.test(value)),
        defaultMessage: () => 'gpus must be "all", "none" or a count of GPUs',
      },
    },
    options,
  );
}

function IsConstraints(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isConstraints',
      validator: {
        validate: (value) => constraintsProblem(value) === undefined,
        defaultMessage: (args) => constraintsProblem(args?.value) ?? 'invalid constraints',
      },
    },
    options,
  );
}

/**
 * A new run. Paths are storage references: `"<storageId>:<path>"`, or a path
 * relative to the default storage; none may lead outside its storage.
 */
export class CreateExecDto {
  /** Id of the run, chosen by the client (409 if taken); generated when absent. */
  @IsOptional()
  @IsString()
  @Matches(EXEC_ID_PATTERN, {
    message: 'id must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  })
  @ApiPropertyOptional({ example: 'mnist-run-1' })
  id?: string;

  /**
   * Folder of the source code, mounted read-write at `/app` (the working
   * directory). With `uploadId`: a folder inside the upload item (default:
   * the item itself).
   */
  @ValidateIf((o: CreateExecDto) => o.uploadId === undefined || o.srcPath !== undefined)
  @IsString()
  @MaxLength(4096)
  @ApiPropertyOptional({ example: 'default:projects/mnist' })
  srcPath?: string;

  /** Python file to run, relative to the source folder: the command is `python <mainSrc>`. Needed unless `command` is given. */
  @ValidateIf((o: CreateExecDto) => o.command === undefined || o.mainSrc !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  @ApiPropertyOptional({ example: 'train.py' })
  mainSrc?: string;

  /** Image to run (built with POST /api/image/create, or present on the engine). */
  @IsString()
  @Matches(IMAGE_REF_PATTERN, { message: 'imageTag must be an image reference like "name:tag"' })
  @ApiProperty({ example: 'webapi/python:3' })
  imageTag: string;

  /** Folder of input data, mounted read-only at `/app/data` and `/data/input`. It must exist. Absent or `""`: no input is mounted. */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  @ApiPropertyOptional({ example: 'default:datasets/mnist' })
  inputPath?: string;

  /**
   * Folder for output, mounted read-write at `/app/output` and `/data/output`;
   * created when missing. Absent or `""`: the run's own folder
   * `runs/<exec_id>/output` of the default storage, named in the run's record.
   */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  @ApiPropertyOptional({ example: 'default:outputs/mnist-run-1' })
  outputPath?: string;

  /**
   * Command to run instead of `python <mainSrc>`: a string runs through
   * `/bin/sh -c`, a list runs as it is.
   */
  @IsOptional()
  @IsCommand()
  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['python', 'train.py', '--epochs', '3'],
  })
  command?: string | string[];

  /** Free JSON kept with the run and returned by the list (at most 64 KiB). */
  @IsOptional()
  @IsJsonValue(USERDATA_MAX_BYTES)
  @ApiPropertyOptional({
    description: 'Free JSON kept with the run and returned by the list (at most 64 KiB).',
    oneOf: ANY_JSON,
  })
  userdata?: unknown;

  /** Run code from an upload item (POST /api/storage/upload_item) instead of a storage folder. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-f0-9]{32}$/, { message: 'uploadId must be an upload_id (32 hexadecimal digits)' })
  uploadId?: string;

  /**
   * Whole GPUs for the run, assigned exclusively by the scheduler: a count,
   * `"all"` (every GPU of the host) or `"none"`. Default: `useGPU`, else
   * EXEC_GPUS.
   */
  @IsOptional()
  @IsGpus()
  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', example: 'all' },
      { type: 'integer', minimum: 0 },
    ],
  })
  gpus?: string | number;

  /** Older form of `gpus`: true asks for one GPU, false for none. */
  @IsOptional()
  @IsBoolean()
  useGPU?: boolean;

  /** CPUs the run may use (fractions allowed); at most EXEC_CPUS when that is set. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1024)
  cpus?: number;

  /** Memory limit, e.g. `"8g"`; at most EXEC_MEMORY when that is set. */
  @IsOptional()
  @IsString()
  @Matches(SIZE_PATTERN, { message: 'memory must be a size like "512m" or "8g"' })
  memory?: string;

  /** Size of `/dev/shm`, e.g. `"2g"` (default EXEC_SHM_SIZE). */
  @IsOptional()
  @IsString()
  @Matches(SIZE_PATTERN, { message: 'shmSize must be a size like "512m" or "2g"' })
  shmSize?: string;

  /** Higher starts first; first come first served within a priority. */
  @IsOptional()
  @IsInt()
  @Min(-1000)
  @Max(1000)
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Higher starts first; first come first served within a priority. Default 0.',
  })
  priority?: number;

  /** Seconds after which the run is stopped and ends `failed` ("timed out after N s"). Default EXEC_TIMEOUT_SECONDS, at most EXEC_TIMEOUT_MAX_SECONDS. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  timeoutSeconds?: number;

  /** Network mode, one of EXEC_ALLOWED_NETWORK_MODES (default EXEC_NETWORK_MODE). */
  @IsOptional()
  @IsIn(NETWORK_MODES)
  @ApiPropertyOptional({ enum: NETWORK_MODES, enumName: 'ExecNetworkMode' })
  networkMode?: string;

  /**
   * Where the run may be placed, as Docker Swarm placement constraints
   * (`node.labels.gpu==a100`, `node.hostname!=gpu-3`, `node.role==worker`;
   * keys `node.id`, `node.hostname`, `node.role`, `node.platform.os`,
   * `node.platform.arch`, `node.labels.<name>`, `engine.labels.<name>`;
   * `==` or `!=`), all of which must hold; at most 16. Only with
   * RUN_BACKEND=swarm (otherwise a 422). A run no node matches waits
   * `starting`, its reason saying so.
   */
  @IsOptional()
  @IsConstraints()
  @ApiPropertyOptional({ type: [String], maxItems: 16, example: ['node.labels.gpu==a100'] })
  constraints?: string[];
}

/** The run that was created: started, or queued until what it asks for is free. */
export class ExecCreatedDto {
  @ApiProperty({ example: true })
  success: boolean;
  /** Id of the run, for the other exec routes. */
  exec_id: string;
  /** `running` when it started, `queued` when it waits (see GET /api/exec/status). */
  @ApiProperty({ enum: RUN_PHASES, enumName: 'ExecRunStatus' })
  status: RunPhase;
}
