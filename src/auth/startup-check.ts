import { AppConfig, ConfigError } from '../config/app-config';
import { ContainerSpecError, parseCapabilities } from '../docker/container-template';
import { HostPolicy, PolicyError, exposureRefusal, isLoopback, parseOrigins, rebindingRefusal } from './network-policy';
import { TokenError, loadTokens } from './tokens';

export interface StartupVerdict {
  /** Why the service must not start listening; undefined when it may. */
  refusal?: string;
  /** Things worth saying at start. */
  warnings: string[];
}

/**
 * Checks the security settings before the service listens: tokens, CORS
 * origins, allowed hosts and container capabilities must parse (ConfigError
 * naming the variable otherwise), a non-loopback HOST needs a token
 * unless ALLOW_UNAUTHENTICATED=true, and that flag needs ALLOWED_HOSTS.
 */
export function startupCheck(
  config: Pick<
    AppConfig,
    | 'HOST'
    | 'ALLOW_UNAUTHENTICATED'
    | 'API_TOKEN'
    | 'API_TOKENS_FILE'
    | 'CORS_ORIGINS'
    | 'ALLOWED_HOSTS'
    | 'EXEC_CAP_ADD'
  >,
  readFile?: (path: string) => string,
): StartupVerdict {
  let tokenCount: number;
  try {
    tokenCount = loadTokens(config, readFile).size;
    parseOrigins(config.CORS_ORIGINS);
    HostPolicy.from(config.ALLOWED_HOSTS, config.HOST);
    parseCapabilities(config.EXEC_CAP_ADD);
  } catch (e) {
    if (e instanceof TokenError || e instanceof PolicyError || e instanceof ContainerSpecError)
      throw new ConfigError([e.message]);
    throw e;
  }
  const warnings: string[] = [];
  const refusal = exposureRefusal(config, tokenCount) ?? rebindingRefusal(config, tokenCount);
  if (!refusal && !tokenCount && !isLoopback(config.HOST)) {
    warnings.push(
      `listening on ${config.HOST} WITHOUT authentication (ALLOW_UNAUTHENTICATED=true): anyone who reaches it controls the engine`,
    );
  }
  return { refusal, warnings };
}
