import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import * as path from 'node:path';
import { ID_PATTERN } from '../common/docker-values';
import { EnvVars } from './env.schema';

export interface StorageRoot {
  readonly id: string;
  readonly name: string;
  /** Absolute path of the storage's root folder. */
  readonly path: string;
}

/** The validated, resolved configuration. Injected as `AppConfig`. */
export type AppConfig = Readonly<
  Omit<EnvVars, 'DATA_DIR' | 'APPS_DIR' | 'STORAGES'> & {
    /** Absolute data folder: storages, lists and run folders live under it. */
    DATA_DIR: string;
    APPS_DIR: string;
    STORAGES: readonly StorageRoot[];
  }
>;

/** Injection token of the configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Every variable EnvVars declares a rule for. */
const ENV_KEYS = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvVars, '', true, false)
      .map((m) => m.propertyName),
  ),
];

function parseStorages(raw: string | undefined, dataDir: string, cwd: string): StorageRoot[] {
  if (!raw || !raw.trim()) {
    return [{ id: 'default', name: 'Default storage', path: path.join(dataDir, 'storage') }];
  }
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    throw new ConfigError(['STORAGES must be a JSON list of {"id","name","path"}']);
  }
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError(['STORAGES must be a non-empty JSON list of {"id","name","path"}']);
  }
  const seen = new Set<string>();
  return list.map((item, i) => {
    const { id, name, path: p } = (item ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      throw new ConfigError([`STORAGES[${i}].id must match ${ID_PATTERN}`]);
    }
    if (seen.has(id)) throw new ConfigError([`STORAGES[${i}].id "${id}" is repeated`]);
    seen.add(id);
    if (typeof p !== 'string' || !p.trim()) throw new ConfigError([`STORAGES[${i}].path must be a folder path`]);
    return { id, name: typeof name === 'string' && name ? name : id, path: path.resolve(cwd, p) };
  });
}

/**
 * Reads and validates the configuration from an environment. Throws a
 * ConfigError naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of ENV_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const vars = plainToInstance(EnvVars, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(vars, { forbidUnknownValues: false });
  if (errors.length) {
    throw new ConfigError(
      errors.map(
        (e) =>
          `${e.property}=${JSON.stringify(raw[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
      ),
    );
  }
  const dataDir = path.resolve(cwd, vars.DATA_DIR);
  return Object.freeze({
    ...vars,
    DATA_DIR: dataDir,
    APPS_DIR: path.resolve(cwd, vars.APPS_DIR),
    STORAGES: Object.freeze(parseStorages(vars.STORAGES, dataDir, cwd)),
  });
}
