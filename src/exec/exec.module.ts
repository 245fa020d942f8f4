import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { DockerRunEngine } from './docker-run-engine';
import { ExecController } from './exec.controller';
import { ExecService } from './exec.service';
import { GpuInventory } from './gpu-inventory';
import { GpusController } from './gpus.controller';
import { RUN_ENGINE } from './run-engine';
import { RunLifecycle } from './run-lifecycle';

/** Runs of training code in containers (/api/exec), admitted by one scheduler onto the host's GPUs (/api/system/gpus). */
@Module({
  imports: [StorageModule],
  controllers: [ExecController, GpusController],
  providers: [ExecService, RunLifecycle, GpuInventory, { provide: RUN_ENGINE, useClass: DockerRunEngine }],
  exports: [RunLifecycle],
})
export class ExecModule {}
