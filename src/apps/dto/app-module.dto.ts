import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NAME_PATTERN, nameMessage } from '../../catalog/name-pattern';

/** Also right when the value is not a list at all (then @IsArray says so too). */
const LIST_MAX = '$property must be a list of at most $constraint1 items';

/** How the module's image is built when its tag is missing (the same steps as `POST /api/image/create`). */
export class AppImageBuildDto {
  /** The base image (FROM), e.g. `webapi/python:3`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  base: string;

  /** Runs `apt-get update && apt-get -y upgrade` first. */
  @IsOptional()
  @IsBoolean()
  update?: boolean;

  /** Debian packages to install, separated by spaces. */
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  apt?: string;

  /** Python packages to install with pip, separated by spaces. */
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  pip?: string;

  /** Shell commands run after the packages are installed, one `RUN` step each; a single string is one command. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(200, { message: LIST_MAX })
  additional_command?: string[];
}

/** The module's image. */
export class AppImageDto {
  /** The image's tag (name); built from `build` when the engine does not have it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  tag: string;

  /** How to build it; without it the image must exist already. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AppImageBuildDto)
  build?: AppImageBuildDto;
}

/** How the module runs. */
export class AppExecutionDto {
  /** The module's source folder, relative to the module folder; mounted read-only at `/app` (the working directory). Default `.`. */
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  src?: string;

  /**
   * The program to run, as a list of arguments. Default `["python", "main.py"]`.
   * (An addition to the seed's fields.)
   */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(100, { message: LIST_MAX })
  command?: string[];

  /** Arguments appended to the command. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(100, { message: LIST_MAX })
  command_params?: string[];

  /**
   * Script modules: where the container finds `params.json` (the request body).
   * Relative paths are inside `/app`; absolute ones are container paths. Default `input`.
   */
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  input?: string;

  /** Script modules: where the module writes `result.json` (the response). Same rules as `input`. Default `output`. */
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  output?: string;

  /** Server modules: the port the server listens on (it gets it as `APP_PORT` too). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 65535 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;
}

/** An app module: a ready-made program shipped as a folder `<APPS_DIR>/<id>/` with an `appinfo.json`. */
export class AppModuleDto {
  /** The module's id: the name of its folder. */
  @ApiProperty({ pattern: NAME_PATTERN.source })
  @IsString()
  @Matches(NAME_PATTERN, { message: nameMessage('id') })
  id: string;

  /** A display name. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  name: string;

  /** `script`: runs once per call, params.json in, result.json out. `server`: started once, called over HTTP. */
  @ApiProperty({ enum: ['server', 'script'], enumName: 'AppModuleType' })
  @IsIn(['server', 'script'])
  type: 'server' | 'script';

  @IsObject()
  @ValidateNested()
  @Type(() => AppImageDto)
  image: AppImageDto;

  @IsObject()
  @ValidateNested()
  @Type(() => AppExecutionDto)
  execution: AppExecutionDto;
}
