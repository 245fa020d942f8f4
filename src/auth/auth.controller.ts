import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Endpoint } from '../common/endpoint.decorator';
import { AuthService } from './auth.service';
import { AuthSessionDto, LoginDto, LogoutDto } from './dto/login.dto';
import { LOGIN_RATE_LIMIT } from './login-rate-limit';

const BROWSER_NOTE =
  'Browsers cannot add an Authorization header to <img src>, <a href> downloads or EventSource. ' +
  'Logging in sets an HttpOnly, SameSite=Strict cookie (path /api) holding a signed session that every route accepts ' +
  "instead of the bearer header; a changing request made with the cookie must come from the service's own origin or " +
  'one in CORS_ORIGINS (fetch with credentials: "include"). Sessions end after SESSION_TTL_SECONDS, on logout, ' +
  'when their token is removed or changed, and when the service restarts.';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @RouteConfig(LOGIN_RATE_LIMIT)
  @Endpoint({
    summary: 'Open a browser session (HttpOnly cookie) with an API token',
    description: `${BROWSER_NOTE} Each client may try LOGIN_RATE_LIMIT_PER_MINUTE times a minute (10 by default); more attempts answer 429 with Retry-After.`,
    errors: [400, 401, 429],
  })
  login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): AuthSessionDto {
    const { setCookie, session } = this.auth.login(body.token, request.protocol === 'https');
    reply.header('Set-Cookie', setCookie);
    return session;
  }

  @Post('logout')
  @HttpCode(200)
  @Endpoint({ summary: 'End the browser session and clear its cookie' })
  logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): LogoutDto {
    const { setCookie, result } = this.auth.logout(request.headers.cookie, request.protocol === 'https');
    reply.header('Set-Cookie', setCookie);
    return result;
  }
}
