import { Module } from '@nestjs/common';
import { ExecModule } from '../exec/exec.module';
import { ImageModule } from '../image/image.module';
import { StorageModule } from '../storage/storage.module';
import { AppServersService } from './app-servers.service';
import { AppsController } from './apps.controller';
import { AppsService } from './apps.service';
import { ScriptRunsService } from './script-runs.service';

/** App modules (routes /api/app): manifests from APPS_DIR, script runs and long-running module servers. */
@Module({
  imports: [ImageModule, ExecModule, StorageModule],
  controllers: [AppsController],
  providers: [AppsService, ScriptRunsService, AppServersService],
})
export class AppsModule {}
