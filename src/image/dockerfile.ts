/**
 * The Dockerfile of an image build, generated from the request's fields.
 *
 * Framework-free on purpose (unit-tested without NestJS). Every field is
 * checked against a strict grammar before anything is written, so no field can
 * start a Dockerfile instruction or slip a command-line option to apt-get or
 * pip. `additionalCommand` is user shell by design, but each of its lines stays
 * inside its own `RUN`.
 */

/** What a build is made from (the body of POST /api/image/create). */
export interface ImageBuildSpec {
  /** The tag the image is built as. */
  name: string;
  baseImage: string;
  /** `apt-get update && apt-get -y upgrade` first. */
  update?: boolean;
  /** Debian package names, space-separated, each optionally `=version`. */
  aptInstall?: string;
  /** PEP 508 names with simple version pins, space-separated. */
  pipInstall?: string;
  /** Shell commands, one `RUN` per `\n`-separated line. */
  additionalCommand?: string;
}

/** A field that does not pass its rule; the message names the field. */
export interface SpecFieldError {
  field: string;
  message: string;
}

/** Build options chosen by the operator (configuration), never by a request. */
export interface DockerfileOptions {
  /** Package index for `pip install` (PIP_INDEX_URL). */
  pipIndexUrl?: string;
  /** Host pip trusts without TLS (PIP_TRUSTED_HOST). */
  pipTrustedHost?: string;
}

// ---- grammars ---------------------------------------------------------------

// Docker's reference grammar (distribution/reference): [domain[:port]/]path[:tag][@digest].
// Checked part by part: one expression for the whole grammar backtracks
// polynomially (a first component may be read as a domain or as a path).
const DOMAIN_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const PORT = /^[0-9]+$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]*$/;
const TAG_MAX = 128;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]+$/;
const DIGEST_HEX_MIN = 32;

function isDomain(value: string): boolean {
  const colon = value.indexOf(':');
  const host = colon < 0 ? value : value.slice(0, colon);
  if (colon >= 0 && !PORT.test(value.slice(colon + 1))) return false;
  return host.split('.').every((label) => DOMAIN_LABEL.test(label));
}

/** A repository name: path components joined by `/`, the first of several possibly a domain[:port]. */
function isRepository(value: string): boolean {
  const [first, ...rest] = value.split('/');
  return (
    (PATH_COMPONENT.test(first) || (rest.length > 0 && isDomain(first))) && rest.every((c) => PATH_COMPONENT.test(c))
  );
}

/** A reference `name[:tag][@digest]` (digest only when allowed), in linear time. */
function isReference(value: string, allowDigest: boolean): boolean {
  const at = value.indexOf('@');
  if (at >= 0) {
    const digest = value.slice(at + 1);
    if (!allowDigest || !DIGEST.test(digest) || digest.length - digest.indexOf(':') - 1 < DIGEST_HEX_MIN) return false;
  }
  const named = at < 0 ? value : value.slice(0, at);
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  if (hasTag) {
    const tag = named.slice(colon + 1);
    if (tag.length > TAG_MAX || !TAG.test(tag)) return false;
  }
  return isRepository(hasTag ? named.slice(0, colon) : named);
}

/** An image id, full or short. */
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{12,64}$/;

/** Debian package name (policy 5.6.1), optional `:arch` and `=version` (policy 5.6.12). */
const APT_PACKAGE = /^[a-z0-9][a-z0-9+.-]+(?::[a-z0-9-]+)?(?:=[0-9][A-Za-z0-9.+~:-]*)?$/;

/** PEP 508 name, optional extras, optional comma-separated simple version specifiers. */
const PIP_NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const PIP_VERSION = '[A-Za-z0-9][A-Za-z0-9.*+!_-]*';
const PIP_SPECIFIER = `(?:===|==|!=|~=|<=|>=|<|>)${PIP_VERSION}`;
const PIP_REQUIREMENT = new RegExp(
  `^${PIP_NAME}(?:\\[${PIP_NAME}(?:,${PIP_NAME})*\\])?(?:${PIP_SPECIFIER}(?:,${PIP_SPECIFIER})*)?$`,
);

/** Limits that keep a Dockerfile reasonable. */
export const LIMITS = {
  reference: 255,
  packages: 200,
  fieldChars: 8192,
  commandLines: 200,
  commandChars: 65536,
  lineChars: 8192,
} as const;

// Control characters other than tab: a newline or carriage return would end the RUN.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/;
// The Dockerfile parser joins a line ending in the escape character with the next one.
const CONTINUATION = /\\[ \t]*$/;

/**
 * Whether a RUN line opens a heredoc, which would make the parser take the
 * following lines as its body. BuildKit splits a RUN line into shell words
 * (expanding variables, unset ones to nothing) and takes a word
 * `<digits><<[-]<delimiter>` as a heredoc: `<<EOF`, `<<\EOF`, `<<'EOF'`,
 * `<<1`, `0<<EOF`, `$X<<EOF`, `${X}<<EOF`. Arithmetic such as `$((1<<3))` is
 * not one.
 *
 * In other words: a word start, then any `$name` / `${...}` expansions, then
 * digits, then `<<` and a character that is neither `<` nor white space. A
 * regular expression for this backtracks exponentially on lines such as
 * `echo $a$a$a...<`; this scanner follows every possible reading at once (a
 * set of five states), so it reads each character once.
 */
export function opensHeredoc(line: string): boolean {
  let states = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (i === 0 || isSpace(line[i - 1])) states |= ELEMENTS;
    if (
      states & (ELEMENTS | IN_NAME | DIGITS) &&
      c === '<' &&
      line[i + 1] === '<' &&
      i + 2 < line.length &&
      line[i + 2] !== '<' &&
      !isSpace(line[i + 2])
    ) {
      return true;
    }
    let next = 0;
    if (states & ELEMENTS) next |= c === '$' ? DOLLAR : isDigit(c) ? DIGITS : 0;
    if (states & DOLLAR) next |= c === '{' ? BRACE : isNameChar(c) ? IN_NAME : 0;
    if (states & IN_NAME) next |= (isNameChar(c) ? IN_NAME : 0) | (c === '$' ? DOLLAR : 0);
    if (states & BRACE) next |= c === '}' ? ELEMENTS : BRACE;
    if (states & DIGITS) next |= isDigit(c) ? DIGITS : 0;
    states = next;
  }
  return false;
}

// States of opensHeredoc: before an expansion or the digits; after `$`; in `$name`; in `${...}`; in the digits.
const ELEMENTS = 1;
const DOLLAR = 2;
const IN_NAME = 4;
const BRACE = 8;
const DIGITS = 16;
const isSpace = (c: string) => /\s/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';
// What may follow `$` in a variable or special parameter, as the shell-word splitter reads it.
const isNameChar = (c: string) => /[\w@*#?!$-]/.test(c);

// ---- validation -------------------------------------------------------------

/** An image reference with optional tag and digest (what FROM takes). */
export function isImageReference(value: string): boolean {
  return value.length <= LIMITS.reference && isReference(value, true);
}

/** A name to build: repository with an optional tag, no digest. */
export function isImageTag(value: string): boolean {
  return value.length <= LIMITS.reference && isReference(value, false);
}

/** An image as DELETE /item/{name} may name it: a reference or an image id. */
export function isImageRefOrId(value: string): boolean {
  return isImageReference(value) || IMAGE_ID.test(value);
}

/** The name with Docker's implied `:latest` when it carries neither tag nor digest. */
export function normalizeImageTag(name: string): string {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return last.includes(':') || last.includes('@') ? name : `${name}:latest`;
}

function words(value: string | undefined): string[] {
  return (value ?? '').split(/[ \t]+/).filter(Boolean);
}

function checkReference(field: string, value: unknown, rule: (v: string) => boolean, what: string): SpecFieldError[] {
  if (typeof value !== 'string' || !value) return [{ field, message: `${field} must be a non-empty string` }];
  if (!rule(value)) return [{ field, message: `${field} must be ${what}` }];
  return [];
}

function checkWords(field: string, value: unknown, pattern: RegExp, what: string): SpecFieldError[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string') return [{ field, message: `${field} must be a string` }];
  if (value.length > LIMITS.fieldChars)
    return [{ field, message: `${field} must be at most ${LIMITS.fieldChars} characters` }];
  if (CONTROL.test(value)) return [{ field, message: `${field} must be one line of space-separated ${what}` }];
  const list = words(value);
  if (list.length > LIMITS.packages)
    return [{ field, message: `${field} may list at most ${LIMITS.packages} packages` }];
  const bad = list.filter((w) => !pattern.test(w));
  if (bad.length) {
    const shown = bad
      .slice(0, 3)
      .map((w) => JSON.stringify(w.slice(0, 80)))
      .join(', ');
    return [{ field, message: `${field} must be space-separated ${what}; not allowed: ${shown}` }];
  }
  return [];
}

/** The lines of additionalCommand that become RUN steps (blank lines dropped). */
export function commandLines(value: string | undefined): string[] {
  return (value ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

function checkCommands(value: unknown): SpecFieldError[] {
  const field = 'additionalCommand';
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string') return [{ field, message: `${field} must be a string` }];
  if (value.length > LIMITS.commandChars)
    return [{ field, message: `${field} must be at most ${LIMITS.commandChars} characters` }];
  const lines = commandLines(value.replace(/\r\n/g, '\n'));
  if (lines.length > LIMITS.commandLines)
    return [{ field, message: `${field} may have at most ${LIMITS.commandLines} lines` }];
  for (const [i, line] of lines.entries()) {
    const at = `${field} line ${i + 1}`;
    if (line.length > LIMITS.lineChars)
      return [{ field, message: `${at} must be at most ${LIMITS.lineChars} characters` }];
    if (CONTROL.test(line))
      return [{ field, message: `${at} must not contain control characters (lines are separated by \\n)` }];
    if (CONTINUATION.test(line))
      return [{ field, message: `${at} must not end with a backslash (each line is its own RUN)` }];
    if (opensHeredoc(line)) return [{ field, message: `${at} must not open a heredoc (each line is its own RUN)` }];
  }
  return [];
}

/** Every field error of a build spec; empty when the spec is valid. */
export function validateBuildSpec(spec: Partial<Record<keyof ImageBuildSpec, unknown>>): SpecFieldError[] {
  const errors: SpecFieldError[] = [
    ...checkReference(
      'name',
      spec.name,
      isImageTag,
      'an image name such as "my-image" or "team/my-image:1.0" (lowercase repository, optional tag)',
    ),
    ...checkReference(
      'baseImage',
      spec.baseImage,
      isImageReference,
      'a Docker image reference such as "python:3.11" or "registry.example.com/team/base:1.0"',
    ),
    ...checkWords('aptInstall', spec.aptInstall, APT_PACKAGE, 'Debian package names (optionally name=version)'),
    ...checkWords(
      'pipInstall',
      spec.pipInstall,
      PIP_REQUIREMENT,
      'Python package names with optional version pins (name, name==1.0, name>=1,<2)',
    ),
    ...checkCommands(spec.additionalCommand),
  ];
  if (spec.update !== undefined && spec.update !== null && typeof spec.update !== 'boolean') {
    errors.push({ field: 'update', message: 'update must be a boolean' });
  }
  return errors;
}

/** Thrown by parseBuildSpec for an invalid spec. */
export class InvalidBuildSpecError extends Error {
  constructor(readonly errors: SpecFieldError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'InvalidBuildSpecError';
  }
}

declare const VALIDATED: unique symbol;
/** A spec that passed validation: only parseBuildSpec makes one (a frozen copy, so it cannot change afterwards). */
export type ValidBuildSpec = Readonly<ImageBuildSpec> & { readonly [VALIDATED]: true };

/** The one way to a ValidBuildSpec: validates once; throws InvalidBuildSpecError naming each failing field. */
export function parseBuildSpec(spec: Partial<Record<keyof ImageBuildSpec, unknown>>): ValidBuildSpec {
  const errors = validateBuildSpec(spec);
  if (errors.length) throw new InvalidBuildSpecError(errors);
  const { name, baseImage, update, aptInstall, pipInstall, additionalCommand } = spec as ImageBuildSpec;
  return Object.freeze({ name, baseImage, update, aptInstall, pipInstall, additionalCommand }) as ValidBuildSpec;
}

// ---- generation -------------------------------------------------------------

/** What BUILD_PIP_INDEX_URL may be: an http(s) URL of characters pip and sh take literally once quoted. */
export const PIP_INDEX_URL_PATTERN = /^https?:\/\/[A-Za-z0-9._~:/?#[\]@!$&()*+,;=%-]+$/;
/** What BUILD_PIP_TRUSTED_HOST may be: a host name with an optional port. */
export const PIP_TRUSTED_HOST_PATTERN = /^[A-Za-z0-9.-]+(?::[0-9]+)?$/;

/** Checks the operator's build options; returns the problems (config names). */
export function validateDockerfileOptions(options: DockerfileOptions): string[] {
  const problems: string[] = [];
  if (options.pipIndexUrl !== undefined && !PIP_INDEX_URL_PATTERN.test(options.pipIndexUrl))
    problems.push('BUILD_PIP_INDEX_URL must be an http(s) URL');
  if (options.pipTrustedHost !== undefined && !PIP_TRUSTED_HOST_PATTERN.test(options.pipTrustedHost))
    problems.push('BUILD_PIP_TRUSTED_HOST must be a host name');
  return problems;
}

/** Single-quotes a word for sh; the grammars above never let a quote through, this is defence in depth. */
function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The Dockerfile of a validated spec (parseBuildSpec): FROM, then apt
 * upgrade, apt install, pip install and one RUN per command line, in that order.
 */
export function generateDockerfile(spec: ValidBuildSpec, options: DockerfileOptions = {}): string {
  const optionProblems = validateDockerfileOptions(options);
  if (optionProblems.length) throw new Error(optionProblems.join('; '));

  const apt = words(spec.aptInstall);
  const pip = words(spec.pipInstall);
  const lines = [`FROM ${spec.baseImage}`];
  if (spec.update || apt.length) {
    // Build-time only: not kept in the image's environment.
    lines.push('ARG DEBIAN_FRONTEND=noninteractive');
  }
  if (spec.update) lines.push('RUN apt-get update && apt-get -y upgrade');
  // Base images ship without package lists: update before installing.
  if (apt.length) lines.push(`RUN apt-get update && apt-get install -y ${apt.map(quote).join(' ')}`);
  if (pip.length) {
    const env = [
      ...(options.pipIndexUrl ? [`PIP_INDEX_URL=${quote(options.pipIndexUrl)}`] : []),
      ...(options.pipTrustedHost ? [`PIP_TRUSTED_HOST=${quote(options.pipTrustedHost)}`] : []),
      // Debian's Python refuses system-wide installs (PEP 668) unless told; an image is the place for them.
      'PIP_BREAK_SYSTEM_PACKAGES=1',
      'PIP_ROOT_USER_ACTION=ignore',
      'PIP_DISABLE_PIP_VERSION_CHECK=1',
    ];
    lines.push(`RUN ${env.join(' ')} pip install --no-cache-dir ${pip.map(quote).join(' ')}`);
  }
  for (const line of commandLines((spec.additionalCommand ?? '').replace(/\r\n/g, '\n'))) lines.push(`RUN ${line}`);
  return `${lines.join('\n')}\n`;
}
