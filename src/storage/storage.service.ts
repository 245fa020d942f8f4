import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { PathResolver, ResolvedPath } from './path-resolver';

const UPLOAD_ID = /^[a-f0-9]{32}$/;

/** Storages and upload items on the host's file system. */
@Injectable()
export class StorageService implements OnModuleInit {
  readonly resolver: PathResolver;
  /** Folder of upload items: <DATA_DIR>/uploads/<upload_id>/. */
  readonly uploadsDir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.resolver = new PathResolver(config.STORAGES);
    this.uploadsDir = path.join(config.DATA_DIR, 'uploads');
  }

  async onModuleInit(): Promise<void> {
    for (const s of this.resolver.storages) await fs.mkdir(s.path, { recursive: true });
    await fs.mkdir(this.uploadsDir, { recursive: true });
  }

  /** A storage reference (`"<storageId>:<path>"` or a path in the default storage) as a confined host path. */
  resolveRef(ref: string): Promise<ResolvedPath> {
    return this.resolver.resolveRef(ref);
  }

  /** The folder of an upload item; NOT_FOUND when there is none. */
  async uploadFolder(uploadId: string): Promise<string> {
    if (!UPLOAD_ID.test(uploadId)) throw new DomainError('BAD_REQUEST', 'Invalid upload_id');
    const folder = path.join(this.uploadsDir, uploadId);
    const stat = await fs.stat(folder).catch(() => undefined);
    if (!stat?.isDirectory()) throw new DomainError('NOT_FOUND', 'Upload item not found');
    return folder;
  }
}
