import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DockerService } from '../docker/docker.service';
import { StorageModule } from '../storage/storage.module';
import { DockerRunEngine } from './docker-run-engine';
import { ExecController } from './exec.controller';
import { ExecService } from './exec.service';
import { GpuInventory } from './gpu-inventory';
import { GpusController } from './gpus.controller';
import { RUN_ENGINE } from './run-engine';
import { RunLifecycle } from './run-lifecycle';
import { SwarmRunEngine } from './swarm-run-engine';

/** Runs of training code in containers (/api/exec), admitted by one scheduler onto the host's GPUs (/api/system/gpus). */
@Module({
  imports: [StorageModule],
  controllers: [ExecController, GpusController],
  providers: [
    ExecService,
    RunLifecycle,
    GpuInventory,
    {
      // RUN_BACKEND picks the engine runs execute on; everything above it is the same.
      provide: RUN_ENGINE,
      inject: [DockerService, APP_CONFIG],
      useFactory: (docker: DockerService, config: AppConfig) =>
        config.RUN_BACKEND === 'swarm' ? new SwarmRunEngine(docker, config) : new DockerRunEngine(docker),
    },
  ],
  exports: [RunLifecycle],
})
export class ExecModule {}
