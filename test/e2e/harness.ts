import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiClient, createApiClient, type components } from '../../openapi/client';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

/** Local base images made by docker/base-images.sh. */
export const BUSYBOX_IMAGE = process.env.BUSYBOX_IMAGE || 'webapi/busybox:latest';
export const PYTHON_IMAGE = process.env.PYTHON_IMAGE || 'webapi/python:3';

const START_TIMEOUT_MS = 120_000;

export interface Service {
  url: string;
  /** The typed client; it sends `Authorization: Bearer <token>` when startService was given a token. */
  client: ApiClient;
  dataDir: string;
  env: Record<string, string>;
  /** Process id of the service (e.g. to sample its memory). */
  pid: number;
  /** What the process printed so far, each JSON log line shown as `level context: message`. */
  output(): string;
  /** The JSON log lines the process printed so far, parsed. */
  logLines(): LogLine[];
  /** SIGTERM and wait for the process to exit; resolves with its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

/** A log line of the service (pino JSON): `msg`, `level`, `time`, and fields such as `context`, `requestId`, `event`. */
export type LogLine = { msg?: string; level?: string; context?: string } & Record<string, unknown>;

/** The JSON lines of a process's output, parsed; other lines are left out. */
export function parseLogLines(text: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // a line cut short, or not a log line
    }
  }
  return lines;
}

/** A process's output with each JSON log line shown as `level context: message`, as a reader would see it. */
export function readableOutput(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const [log] = parseLogLines(line);
      return log ? `${log.level ?? ''} ${log.context ?? ''}: ${log.msg ?? ''}` : line;
    })
    .join('\n');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function tempDir(prefix = 'webapi-e2e-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface StartOptions {
  /** A token the typed client sends as `Authorization: Bearer <token>` (the service needs API_TOKEN set to it). */
  token?: string;
  /**
   * Start the service without the capabilities that let root ignore file
   * permissions (through setpriv), so it meets permission errors as a
   * service run by an ordinary user would.
   */
  honourFilePermissions?: boolean;
}

/**
 * Starts the built service (dist/) as its own process on a free loopback
 * port, with a fresh data folder unless one is given, and waits until it
 * answers /api/health.
 */
export async function startService(
  env: Record<string, string> = {},
  dataDir?: string,
  options: StartOptions = {},
): Promise<Service> {
  const port = await freePort();
  const dir = dataDir ?? (await tempDir());
  const fullEnv: Record<string, string> = {
    LOG_LEVEL: 'warn',
    APPS_DIR: path.join(dir, 'apps'),
    // The run engine of the jest project (e2e-swarm sets swarm); a test may still choose its own.
    RUN_BACKEND: process.env.RUN_BACKEND ?? 'docker',
    ...env,
    PORT: String(port),
    HOST: env.HOST ?? '127.0.0.1',
    DATA_DIR: dir,
  };
  const [command, args] = options.honourFilePermissions
    ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search', process.execPath, MAIN]]
    : [process.execPath, [MAIN]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...fullEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // Generous: on a loaded two-core machine a start can take tens of seconds.
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not answer within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    client: createApiClient(url, options.token ? { headers: { Authorization: `Bearer ${options.token}` } } : {}),
    dataDir: dir,
    env: fullEnv,
    pid: child.pid!,
    output: () => readableOutput(output),
    logLines: () => parseLogLines(output),
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
      return child.exitCode;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/**
 * Runs the service's entry point to its end (for start-up failures); resolves with its exit code and output.
 * A service still running after `timeoutMs` is killed and the call fails: it did not stop its start.
 */
export async function runServiceToExit(
  env: Record<string, string>,
  timeoutMs = START_TIMEOUT_MS,
): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  await exited(child);
  clearTimeout(timer);
  if (timedOut || child.exitCode === null) {
    throw new Error(
      `the service did not exit by itself within ${timeoutMs} ms (${timedOut ? 'killed' : `signal ${child.signalCode}`}):\n${output}`,
    );
  }
  return { code: child.exitCode, output: readableOutput(output) };
}

/** A GET with exactly the headers given, for headers fetch will not send (Host). */
export function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An error answer (application/problem+json). */
export type Problem = components['schemas']['ProblemDto'];
/** The 400 of a request that fails validation: a problem that names its failing fields. */
export type ValidationProblem = Problem & Required<Pick<Problem, 'errors'>>;

/** The JSON body of a response made without the typed client, as the type the test names (unknown otherwise). */
export async function json<T = unknown>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** A unix socket that forwards to the real engine's socket and can be cut and restored (the engine "restarting"). */
export class EngineProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  constructor(
    readonly socketPath: string,
    private readonly target = '/var/run/docker.sock',
  ) {}

  async open(): Promise<void> {
    await fs.rm(this.socketPath, { force: true });
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      this.sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.socketPath, resolve));
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
    await fs.rm(this.socketPath, { force: true });
  }
}
