import { DynamicModule, Module } from '@nestjs/common';
import { AppsModule } from './apps/apps.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatasetModule } from './dataset/dataset.module';
import { DockerModule } from './docker/docker.module';
import { EventsModule } from './events/events.module';
import { ExecModule } from './exec/exec.module';
import { HealthModule } from './health/health.module';
import { ImageModule } from './image/image.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { ModelModule } from './model/model.module';
import { StorageModule } from './storage/storage.module';
import { SystemModule } from './system/system.module';
import { TelemetryModule } from './telemetry/telemetry.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LifecycleModule,
        DockerModule,
        AuditModule,
        AuthModule,
        HealthModule,
        SystemModule,
        StorageModule,
        ImageModule,
        ExecModule,
        DatasetModule,
        ModelModule,
        AppsModule,
        TelemetryModule,
        EventsModule,
      ],
    };
  }
}
