import { commandOf, containerPathOf, imageSpecOf, insideAppRoot, sourceLocationOf } from './app-plan';

describe('app module plan', () => {
  it('maps the manifest build onto the image service spec', () => {
    expect(
      imageSpecOf({
        image: {
          tag: 'm:1',
          build: {
            base: 'webapi/python:3',
            update: false,
            apt: 'jq',
            pip: '',
            additional_command: ['mkdir /x', 'touch /x/y'],
          },
        },
      }),
    ).toEqual({
      name: 'm:1',
      baseImage: 'webapi/python:3',
      update: false,
      aptInstall: 'jq',
      additionalCommand: 'mkdir /x\ntouch /x/y',
    });
    expect(imageSpecOf({ image: { tag: 'm:1' } })).toBeUndefined();
  });

  it('runs python main.py plus command_params unless the manifest names its own command', () => {
    expect(commandOf({ command_params: ['--fast', 'x'] })).toEqual(['python', 'main.py', '--fast', 'x']);
    expect(commandOf({})).toEqual(['python', 'main.py']);
    expect(commandOf({ command: ['python', '-u', 'serve.py'], command_params: ['8080'] })).toEqual([
      'python',
      '-u',
      'serve.py',
      '8080',
    ]);
  });

  it('places input and output inside /app unless absolute, and refuses escapes', () => {
    expect(containerPathOf(undefined, 'input')).toBe('/app/input');
    expect(containerPathOf('data/in', 'input')).toBe('/app/data/in');
    expect(containerPathOf('/data/out', 'output')).toBe('/data/out');
    expect(containerPathOf('./out/', 'output')).toBe('/app/out');
    for (const bad of ['../etc', '/', '.', '/app', 'a/../../b', 'a\nb'])
      expect(() => containerPathOf(bad, 'input')).toThrow();
    expect(insideAppRoot('/app/data/in')).toBe('data/in');
    expect(insideAppRoot('/data/in')).toBeUndefined();
    expect(insideAppRoot('/application')).toBeUndefined();
  });

  it('keeps the source folder inside the module folder, or takes a storage reference', () => {
    expect(sourceLocationOf('src')).toEqual({ moduleSegments: ['src'] });
    expect(sourceLocationOf('./src/app/')).toEqual({ moduleSegments: ['src', 'app'] });
    expect(sourceLocationOf(undefined)).toEqual({ moduleSegments: [] });
    expect(sourceLocationOf('default:/code')).toEqual({ storageRef: 'default:/code' });
    expect(sourceLocationOf('nas:models/x')).toEqual({ storageRef: 'nas:models/x' });
    expect(() => sourceLocationOf('../other')).toThrow();
    expect(() => sourceLocationOf('/etc')).toThrow();
  });
});
