import { api, ok } from '../api';
import { Problem } from '../components/Problem';
import { ProgressBar } from '../components/ProgressBar';
import { bytes, percent } from '../format';
import { href } from '../router';

const MIB = 1024 * 1024;
import { useLoad } from '../hooks';

/** The host: CPU, memory, disk and GPUs, refreshed every few seconds. */
export function SystemPage() {
  const info = useLoad(() => ok(api.GET('/api/system/info')), [], 5000);
  const s = info.data;
  return (
    <main>
      <h1>System</h1>
      <Problem error={info.error} />
      {s && (
        <div class="grid">
          <section class="card">
            <h2>CPU</h2>
            <p>{s.cpu_info}</p>
            <p class="muted">
              {s.cpu_core_count} cores, {s.cpu_thread_count} threads · {s.node} · {s.platform}
            </p>
            <ProgressBar value={s.cpu_util} label="CPU use" wide />
          </section>
          <section class="card">
            <h2>Memory</h2>
            <p>
              {bytes(s.total_memory - s.available_memory)} used of {bytes(s.total_memory)}
            </p>
            <ProgressBar
              value={(100 * (s.total_memory - s.available_memory)) / s.total_memory}
              label="memory use"
              wide
            />
          </section>
          <section class="card">
            <h2>Disk (data folder)</h2>
            <p>
              {bytes(s.disk_used)} used of {bytes(s.disk_total)}, {bytes(s.disk_free)} free
            </p>
            <ProgressBar value={(100 * s.disk_used) / s.disk_total} label="disk use" wide />
          </section>
        </div>
      )}
      <Gpus />
    </main>
  );
}

/** Every GPU of the host and the run that holds it. */
function Gpus() {
  const gpus = useLoad(() => ok(api.GET('/api/system/gpus')), [], 5000);
  return (
    <section>
      <h2>GPUs</h2>
      <Problem error={gpus.error} />
      {gpus.data?.length === 0 && <p class="muted">This host has no GPU.</p>}
      {!!gpus.data?.length && (
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>Name</th>
              <th>Held by</th>
              <th>Use</th>
              <th>Memory</th>
              <th>UUID</th>
            </tr>
          </thead>
          <tbody>
            {gpus.data.map((g) => (
              <tr key={g.uuid} data-gpu={g.index}>
                <td>{g.index}</td>
                <td>{g.name}</td>
                <td>{g.heldBy ? <a href={href('run', g.heldBy)}>{g.heldBy}</a> : <span class="muted">free</span>}</td>
                <td>{g.utilization === null ? '–' : percent(g.utilization)}</td>
                <td>
                  {g.memoryUsed === null ? '' : `${bytes(g.memoryUsed * MIB)} / `}
                  {bytes(g.memoryTotal * MIB)}
                </td>
                <td class="muted small">{g.uuid}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
