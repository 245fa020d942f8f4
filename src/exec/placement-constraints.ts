/**
 * Placement constraints of a run on Docker Swarm (`node.labels.gpu==a100`),
 * checked the way Swarm's own parser reads them (swarmkit
 * manager/constraint), and stricter where Swarm would accept an expression
 * that can never match: an unknown key, or a role other than manager or
 * worker. Framework-free, so unit tests load it.
 */

/** Most constraints a run may give. */
export const MAX_CONSTRAINTS = 16;
/** Longest constraint expression. */
export const MAX_CONSTRAINT_LENGTH = 256;

/** Node attributes Swarm places by (besides node and engine labels). */
export const CONSTRAINT_KEYS = ['node.id', 'node.hostname', 'node.role', 'node.platform.os', 'node.platform.arch'];

/** A label name after `node.labels.` / `engine.labels.`: Swarm's key pattern. */
const LABEL_KEY = /^(node|engine)\.labels\.[a-z_][a-z0-9_.-]*$/i;
/** Swarm's value pattern: no operator characters (`=`, `!`, `<`, `>`, `~`). */
const VALUE = /^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i;

export interface Constraint {
  key: string;
  operator: '==' | '!=';
  value: string;
}

/** A constraint expression parsed, or why Swarm would refuse it (or it could never match). */
export function parseConstraint(expression: unknown): Constraint | string {
  if (typeof expression !== 'string') return 'must be a string like "node.labels.gpu==a100"';
  if (expression.length > MAX_CONSTRAINT_LENGTH) return `must be at most ${MAX_CONSTRAINT_LENGTH} characters`;
  const eq = expression.indexOf('==');
  const ne = expression.indexOf('!=');
  const at = eq >= 0 && (ne < 0 || eq < ne) ? eq : ne;
  if (at < 0) return 'must compare a node attribute with == or !=, like "node.labels.gpu==a100"';
  const operator = expression.slice(at, at + 2) as '==' | '!=';
  const key = expression.slice(0, at).trim();
  const value = expression.slice(at + 2).trim();
  if (!CONSTRAINT_KEYS.includes(key) && !LABEL_KEY.test(key)) {
    return `"${key}" is not a node attribute: use ${CONSTRAINT_KEYS.join(', ')}, node.labels.<name> or engine.labels.<name>`;
  }
  if (!value) return `"${expression}" has no value after ${operator}`;
  if (!VALUE.test(value))
    return `the value "${value}" has characters Swarm does not accept (only letters, digits, spaces and : - _ . * ( ) ? + [ ] \\ ^ $ | /)`;
  if (key === 'node.role' && !['manager', 'worker'].includes(value.toLowerCase())) {
    return 'node.role must be manager or worker';
  }
  return { key, operator, value };
}

/** Problems of a `constraints` value, one message at most (the first problem); undefined when Swarm takes it. */
export function constraintsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'constraints must be a list of expressions like "node.labels.gpu==a100"';
  if (value.length > MAX_CONSTRAINTS) return `constraints may list at most ${MAX_CONSTRAINTS} expressions`;
  for (const [i, expression] of value.entries()) {
    const parsed = parseConstraint(expression);
    if (typeof parsed === 'string') return `constraints[${i}] ${parsed}`;
  }
  return undefined;
}

/** The expressions as Swarm is given them: `key==value`, spaces around the operator removed. */
export function normalizedConstraints(expressions: string[]): string[] {
  return expressions.map((e) => {
    const c = parseConstraint(e);
    if (typeof c === 'string') throw new Error(`not a constraint: ${e}`);
    return `${c.key}${c.operator}${c.value}`;
  });
}
