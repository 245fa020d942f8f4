import { Module } from '@nestjs/common';
import { StorageModule } from '../storage/storage.module';
import { DockerRunEngine } from './docker-run-engine';
import { ExecController } from './exec.controller';
import { ExecService } from './exec.service';
import { RUN_ENGINE } from './run-engine';

/** Runs of training code in containers (/api/exec). */
@Module({
  imports: [StorageModule],
  controllers: [ExecController],
  providers: [ExecService, { provide: RUN_ENGINE, useClass: DockerRunEngine }],
  exports: [ExecService],
})
export class ExecModule {}
