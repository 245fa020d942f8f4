import { ValidationOptions, registerDecorator } from 'class-validator';
import { pathSegments } from '../storage/path-resolver';
import { ID_PATTERN } from '../common/docker-values';

/** Storage ids, as the configuration allows them (whether the storage is configured is checked apart). */
export const STORAGE_ID = ID_PATTERN;

/** The path's problem, or undefined when it is a clean path inside a storage (a leading "/" is the storage's root). */
export function storagePathProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'Path must be a string';
  try {
    pathSegments(value);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * A path inside a storage (or an entry's folder), a leading "/" being its
 * root: no "..", no backslash or control character. The folder need not exist.
 * Values that are not strings are left to `@IsString()`, which the fields
 * using this decorator carry too, so the 400 names the problem once.
 */
export function IsRelativePath(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRelativePath',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || storagePathProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property}: ${storagePathProblem(args?.value) ?? 'invalid path'}`,
      },
    });
}
