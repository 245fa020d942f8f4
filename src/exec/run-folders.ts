import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '../common/domain-error';
import { FieldError } from '../common/problem';
import { validationProblem } from '../common/validation';
import { mountSourceProblem } from '../docker/container-template';
import { Mount } from '../docker/docker.types';
import { removeTreeAt } from '../storage/confined-dir';
import { pathSegments } from '../storage/path-resolver';
import { MountSource, StorageService } from '../storage/storage.service';
import { grantRunUser, RunUser } from '../common/run-user';

/** The folders a create names: storage references, each optional but the source. */
export interface RunFolderRequest {
  srcPath?: string;
  mainSrc?: string;
  command?: string | string[];
  inputPath?: string;
  outputPath?: string;
  uploadId?: string;
}

/** Folders a create made in a storage, to be taken back should it fail. */
export interface MadeFolders {
  /** The output folder, with the folders made for it. */
  output?: MountSource;
}

/**
 * Host folders of a run, every one confined to a storage (or the upload
 * item), and the run folder. The output folder is made last, once the
 * request is known to be right; `made` tells which folders this call made.
 * No input: nothing is mounted at /app/data and /data/input. The run folder
 * and the output folder are given to the run's user (group-writable, never
 * world-writable).
 */
export async function runMounts(
  storage: StorageService,
  request: RunFolderRequest,
  runDir: string,
  user: RunUser,
  made: MadeFolders,
): Promise<Mount[]> {
  const errors: FieldError[] = [];
  const field = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (e) {
      if (e instanceof DomainError && e.code === 'BAD_REQUEST') {
        errors.push({ field: name, message: `${name}: ${e.detail}` });
        return undefined;
      }
      throw e;
    }
  };
  // Each folder as its checked real path, verified again by the engine call before it is mounted (Mount.confinedTo).
  const source = await field('srcPath', () =>
    request.uploadId === undefined
      ? storage.resolveMountSource(request.srcPath ?? '')
      : storage.uploadMountSource(request.uploadId, request.srcPath ?? ''),
  );
  const input = request.inputPath
    ? await field('inputPath', () => storage.resolveMountSource(request.inputPath!))
    : undefined;
  const output = await field('outputPath', async () => (await storage.resolveRef(request.outputPath!)).absolute);
  const main =
    request.command === undefined && request.mainSrc !== undefined
      ? await field('mainSrc', async () => pathSegments(request.mainSrc!))
      : undefined;
  if (errors.length) throw validationProblem(errors);

  // Sources the container template would refuse (a storage inside a host system folder) are the request's problem too.
  for (const [name, p] of [
    ['srcPath', source?.source],
    ['inputPath', input?.source],
    ['outputPath', output],
  ] as const) {
    const problem = p === undefined ? undefined : mountSourceProblem(p);
    if (problem) errors.push({ field: name, message: `${name}: ${problem}` });
  }
  if (errors.length) throw validationProblem(errors);

  if (main) {
    const stat = main.length ? await fs.lstat(path.join(source!.source, ...main)).catch(() => undefined) : undefined;
    if (!stat || stat.isDirectory())
      errors.push({ field: 'mainSrc', message: 'mainSrc: file not found in the source folder' });
  }
  if (errors.length) throw validationProblem(errors);

  // The run folder: fresh, and writable by the run's user only.
  await removeTreeAt(runDir);
  await fs.mkdir(runDir, { recursive: true });
  await grantRunUser(runDir, user);

  // Last, once everything else is known to be right: the output folder, made if missing.
  const out = (made.output = await field('outputPath', () =>
    storage.resolveMountSource(request.outputPath!, { create: true }),
  ));
  if (errors.length) throw validationProblem(errors);
  await grantRunUser(out!.source, user);
  const mount = (folder: MountSource, target: string, readOnly?: boolean): Mount => ({
    source: folder.source,
    confinedTo: folder.confinedTo,
    target,
    readOnly,
  });
  return [
    mount(source!, '/app'),
    ...(input === undefined ? [] : [mount(input, '/app/data', true), mount(input, '/data/input', true)]),
    mount(out!, '/app/output'),
    mount(out!, '/data/output'),
    { source: runDir, target: '/apprun' },
  ];
}

/** Takes back what a failed create made: the run folder, and the output folders it created while they are empty. */
export async function removeMadeFolders(storage: StorageService, runDir: string, made: MadeFolders): Promise<void> {
  await removeTreeAt(runDir).catch(() => undefined);
  if (made.output) await storage.removeMadeFolders(made.output);
}
