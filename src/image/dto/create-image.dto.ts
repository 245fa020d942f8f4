import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

/** What to build: the generated Dockerfile is FROM baseImage, then apt, pip and the extra commands. */
export class CreateImageDto {
  /**
   * The tag to build the image as: a Docker image name with an optional tag
   * (lowercase repository), e.g. `team/trainer:1.0`. Without a tag, `latest`.
   * It follows Docker's reference grammar (ASCII only), unlike the Unicode
   * names of datasets and models: an image tag cannot be Korean. It is also
   * the build record's name (`/api/image/create/{name}`).
   * @example "my-trainer:1.0"
   */
  @IsString()
  @MaxLength(255)
  name: string;

  /**
   * The base image (FROM): a Docker image reference. Pulled first when the
   * engine does not have it.
   * @example "webapi/python:3"
   */
  @IsString()
  @MaxLength(255)
  baseImage: string;

  /** Runs `apt-get update && apt-get -y upgrade` on the base image first. */
  @IsOptional()
  @IsBoolean()
  update?: boolean;

  /**
   * Debian packages to install with apt-get (non-interactive), separated by
   * spaces, each optionally pinned as `name=version`. Options are refused.
   * @example "jq curl"
   */
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  aptInstall?: string;

  /**
   * Python packages to install with pip, separated by spaces: PEP 508 names
   * with optional extras and simple version pins (`numpy==1.26.4`,
   * `torch>=2,<3`). Options (`-o`, `--index-url`) and URLs are refused; the
   * package index is the service's configuration.
   * @example "numpy==1.26.4 requests"
   */
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  pipInstall?: string;

  /**
   * Shell commands run after the packages are installed, separated by `\n`:
   * each line becomes its own `RUN` step. A line may not end with a
   * backslash, open a heredoc, or hold other control characters.
   * @example "mkdir -p /work\necho ready > /work/state"
   */
  @IsOptional()
  @IsString()
  @MaxLength(65536)
  additionalCommand?: string;
}
