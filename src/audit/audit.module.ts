import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit log, available everywhere (the Docker provider records container creations in it). */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
