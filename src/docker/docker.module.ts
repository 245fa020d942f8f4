import { Global, Module } from '@nestjs/common';
import { DockerService } from './docker.service';

/** The shared Docker client, one per application. */
@Global()
@Module({ providers: [DockerService], exports: [DockerService] })
export class DockerModule {}
