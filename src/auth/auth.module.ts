import { Module } from '@nestjs/common';
import { AccessControl } from './access-control';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

/** Who may call the service: tokens, browser sessions, CORS and Host rules (installed by AccessControl). */
@Module({ controllers: [AuthController], providers: [AuthService, AccessControl], exports: [AccessControl] })
export class AuthModule {}
