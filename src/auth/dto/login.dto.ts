import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  /** One of the service's API tokens (the same value as in `Authorization: Bearer …`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  token: string;
}

/** A browser session: the token id it stands for and when it ends. The session itself is only in the HttpOnly cookie. */
export class AuthSessionDto {
  /** Id of the token the session was opened with (never the token). */
  tokenId: string;
  /** When the session ends (ISO 8601). */
  expiresAt: string;
}

export class LogoutDto {
  /** Always true: the session cookie is cleared (and the session revoked when it was valid). */
  success: boolean;
}
