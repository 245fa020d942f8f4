import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '../common/domain-error';
import { FieldError } from '../common/problem';
import { validationProblem } from '../common/validation';
import { mountSourceProblem } from '../docker/container-template';
import { Mount } from '../docker/docker.types';
import { PathResolver, pathSegments } from '../storage/path-resolver';
import { StorageService } from '../storage/storage.service';
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
  /** The output folder. */
  output?: string;
  /** The first folder of its path that did not exist before (what `mkdir -p` made), when any. */
  outputTop?: string;
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
  const source = await field('srcPath', async () => {
    if (request.uploadId === undefined) return (await storage.resolveRef(request.srcPath ?? '')).absolute;
    const folder = await storage.uploadFolder(request.uploadId);
    return (await new PathResolver([{ id: 'upload', name: 'upload', path: folder }]).resolve('upload', request.srcPath ?? '')).absolute;
  });
  const input = request.inputPath ? await field('inputPath', async () => (await storage.resolveRef(request.inputPath!)).absolute) : undefined;
  const output = await field('outputPath', async () => (await storage.resolveRef(request.outputPath!)).absolute);
  const main = request.command === undefined && request.mainSrc !== undefined ? await field('mainSrc', async () => pathSegments(request.mainSrc!)) : undefined;
  if (errors.length) throw validationProblem(errors);

  // Sources the container template would refuse (a storage inside a host system folder) are the request's problem too.
  for (const [name, p] of [['srcPath', source], ['inputPath', input], ['outputPath', output]] as const) {
    const problem = p === undefined ? undefined : mountSourceProblem(p);
    if (problem) errors.push({ field: name, message: `${name}: ${problem}` });
  }
  if (errors.length) throw validationProblem(errors);

  if (!(await isFolder(source!))) errors.push({ field: 'srcPath', message: 'srcPath: folder not found' });
  if (input !== undefined && !(await isFolder(input))) errors.push({ field: 'inputPath', message: 'inputPath: folder not found' });
  if (main) {
    const stat = main.length ? await fs.lstat(path.join(source!, ...main)).catch(() => undefined) : undefined;
    if (!stat || stat.isDirectory()) errors.push({ field: 'mainSrc', message: 'mainSrc: file not found in the source folder' });
  }
  if (errors.length) throw validationProblem(errors);

  // The run folder: fresh, and writable by the run's user only.
  await fs.rm(runDir, { recursive: true, force: true });
  await fs.mkdir(runDir, { recursive: true });
  await grantRunUser(runDir, user);

  // Last, once everything else is known to be right: the output folder, made if missing.
  made.output = output!;
  made.outputTop = await fs.mkdir(output!, { recursive: true }).catch(() => undefined);
  if (!(await isFolder(output!))) throw validationProblem([{ field: 'outputPath', message: 'outputPath: not a folder' }]);
  await grantRunUser(output!, user);
  return [
    { source: source!, target: '/app' },
    ...(input === undefined
      ? []
      : [
          { source: input, target: '/app/data', readOnly: true },
          { source: input, target: '/data/input', readOnly: true },
        ]),
    { source: output!, target: '/app/output' },
    { source: output!, target: '/data/output' },
    { source: runDir, target: '/apprun' },
  ];
}

/** Takes back what a failed create made: the run folder, and the output folders it created while they are empty. */
export async function removeMadeFolders(runDir: string, made: MadeFolders): Promise<void> {
  await fs.rm(runDir, { recursive: true, force: true }).catch(() => undefined);
  if (made.output && made.outputTop) await removeEmptyFolders(made.output, made.outputTop);
}

/** Removes `folder` and its parents up to `top` (included), each only while empty: what another run put there stays. */
async function removeEmptyFolders(folder: string, top: string): Promise<void> {
  for (let dir = folder; dir === top || dir.startsWith(`${top}/`); dir = path.dirname(dir)) {
    if (!(await fs.rmdir(dir).then(() => true, () => false))) return;
  }
}

async function isFolder(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
