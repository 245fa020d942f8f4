import * as path from 'node:path';
import type { ImageBuildSpec } from '../image/dockerfile';
import { pathSegments, splitStorageRef } from '../storage/path-resolver';
import type { AppModuleDto } from './dto/app-module.dto';

/** Where the module's source folder is mounted, and the working directory. */
export const APP_ROOT = '/app';
export const DEFAULT_COMMAND = ['python', 'main.py'];
export const DEFAULT_INPUT = 'input';
export const DEFAULT_OUTPUT = 'output';
export const PARAMS_FILE = 'params.json';
export const RESULT_FILE = 'result.json';

/** Labels on every app-module container, so the service recognises (and cleans up) its own. */
export const LABEL_KIND = 'webapi.app.kind';
export const LABEL_MODULE = 'webapi.app.module';
export const LABEL_RUN = 'webapi.app.run';
/** The service instance (a hash of its data folder) that started the container. */
export const LABEL_OWNER = 'webapi.app.owner';
/** Server containers: the module folder they serve, and a key of the manifest they were started from. */
export const LABEL_FOLDER = 'webapi.app.folder';
export const LABEL_KEY = 'webapi.app.key';

/** The image spec of a module's build, or undefined when the manifest has no build. */
export function imageSpecOf(module: Pick<AppModuleDto, 'image'>): ImageBuildSpec | undefined {
  const build = module.image.build;
  if (!build) return undefined;
  return {
    name: module.image.tag,
    baseImage: build.base,
    ...(build.update !== undefined ? { update: build.update } : {}),
    ...(build.apt ? { aptInstall: build.apt } : {}),
    ...(build.pip ? { pipInstall: build.pip } : {}),
    ...(build.additional_command?.length ? { additionalCommand: build.additional_command.join('\n') } : {}),
  };
}

/** The container's command: the manifest's command (default `python main.py`) followed by command_params. */
export function commandOf(execution: AppModuleDto['execution']): string[] {
  return [...(execution.command?.length ? execution.command : DEFAULT_COMMAND), ...(execution.command_params ?? [])];
}

/**
 * The container path of a manifest's input or output folder: relative paths
 * lie inside /app, absolute ones are taken as they are. Throws when the path
 * climbs with "..", holds control characters, or is / or /app itself.
 */
export function containerPathOf(value: string | undefined, fallback: string): string {
  const raw = value?.trim() ? value.trim() : fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f\\]/.test(raw)) throw new Error(`"${raw}" holds a control character or backslash`);
  if (raw.split('/').includes('..')) throw new Error(`"${raw}" may not contain ".."`);
  const full = path.posix.resolve(APP_ROOT, raw);
  if (full === '/' || full === APP_ROOT) throw new Error(`"${raw}" must name a folder other than / and ${APP_ROOT}`);
  return full;
}

/** The path below /app of a container path inside it (a mount point the read-only source folder must hold), else undefined. */
export function insideAppRoot(containerPath: string): string | undefined {
  return containerPath.startsWith(`${APP_ROOT}/`) ? containerPath.slice(APP_ROOT.length + 1) : undefined;
}

/** Where a module's source folder is: a storage reference, or a folder of the module folder (by its segments). */
export type SourceLocation = { storageRef: string } | { moduleSegments: string[] };

/**
 * Where `execution.src` points: a storage reference `"<storage>:<path>"`
 * (a leading "/" being the storage's root), or a folder of the module
 * folder (default "."). Throws when a module path is absolute or climbs with
 * "..". Where the folder really is (symlinks) is judged when it is opened.
 */
export function sourceLocationOf(src: string | undefined): SourceLocation {
  const raw = src?.trim() ? src.trim() : '.';
  if (splitStorageRef(raw)) return { storageRef: raw };
  if (path.isAbsolute(raw) || raw.split(/[\\/]/).includes('..')) {
    throw new Error(
      `execution.src "${raw}" must be a folder inside the module folder, or a storage reference "<storage>:<path>"`,
    );
  }
  return { moduleSegments: pathSegments(raw) };
}

/** The last `lines` lines of a log, as a problem document's `log`. */
export function tail(lines: string[], count: number): string[] {
  return lines.slice(Math.max(0, lines.length - count));
}
