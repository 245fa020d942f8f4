import fc from 'fast-check';
import { constraintsProblem, MAX_CONSTRAINTS, normalizedConstraints, parseConstraint } from './placement-constraints';

describe('placement constraints', () => {
  it('reads the expressions Swarm takes', () => {
    expect(parseConstraint('node.labels.gpu==a100')).toEqual({ key: 'node.labels.gpu', operator: '==', value: 'a100' });
    expect(parseConstraint('node.hostname != x')).toEqual({ key: 'node.hostname', operator: '!=', value: 'x' });
    expect(parseConstraint('node.role==worker')).toMatchObject({ value: 'worker' });
    expect(parseConstraint('engine.labels.zone==eu-1')).toMatchObject({ key: 'engine.labels.zone' });
    expect(parseConstraint('node.platform.arch==x86_64')).toMatchObject({ value: 'x86_64' });
    expect(constraintsProblem(['node.labels.gpu==a100', 'node.role!=manager'])).toBeUndefined();
    expect(constraintsProblem([])).toBeUndefined();
  });

  it('refuses what Swarm refuses, or what could never match, saying why', () => {
    expect(parseConstraint('node.labels.gpu>3')).toMatch(/== or !=/);
    expect(parseConstraint('node.name==x')).toMatch(/"node.name" is not a node attribute/);
    expect(parseConstraint('node.labels.==x')).toMatch(/not a node attribute/);
    expect(parseConstraint('node.labels.gpu==')).toMatch(/has no value/);
    expect(parseConstraint('node.labels.gpu==a=b')).toMatch(/characters Swarm does not accept/);
    expect(parseConstraint('node.labels.gpu==a!b')).toMatch(/characters Swarm does not accept/);
    expect(parseConstraint('node.role==boss')).toBe('node.role must be manager or worker');
    expect(parseConstraint(3)).toMatch(/must be a string/);
    expect(parseConstraint('node.labels.a==' + 'x'.repeat(300))).toMatch(/at most 256/);
    expect(constraintsProblem('node.role==worker')).toMatch(/must be a list/);
    expect(constraintsProblem(['node.role==worker', 'bad'])).toMatch(/^constraints\[1\] /);
    expect(constraintsProblem(Array.from({ length: MAX_CONSTRAINTS + 1 }, () => 'node.role==worker'))).toMatch(
      /at most 16/,
    );
  });

  it('gives Swarm the expressions without spaces around the operator', () => {
    expect(normalizedConstraints([' node.labels.gpu == a100 ', 'node.role!=manager'])).toEqual([
      'node.labels.gpu==a100',
      'node.role!=manager',
    ]);
  });

  it('answers quickly for any text, and whatever it accepts has exactly one operator and a known key', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseConstraint(text);
        if (typeof parsed === 'string') return;
        expect(['==', '!=']).toContain(parsed.operator);
        expect(parsed.value).not.toMatch(/[=!<>~]/);
        expect(parsed.key).toMatch(/^(node|engine)\./);
      }),
    );
    const started = Date.now();
    parseConstraint('node.labels.' + 'a'.repeat(240) + '!');
    parseConstraint('node.labels.a==' + ' '.repeat(240) + '=');
    expect(Date.now() - started).toBeLessThan(50);
  });
});
