import { Global, Module } from '@nestjs/common';
import { ShutdownSignal } from './shutdown-signal';

/** The service's own lifecycle: `ShutdownSignal`, injectable everywhere. */
@Global()
@Module({ providers: [ShutdownSignal], exports: [ShutdownSignal] })
export class LifecycleModule {}
