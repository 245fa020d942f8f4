import { api, ok } from '../api';
import { Problem } from '../components/Problem';
import { ProgressBar } from '../components/ProgressBar';
import { bytes } from '../format';
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
            <ProgressBar value={(100 * (s.total_memory - s.available_memory)) / s.total_memory} label="memory use" wide />
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
      {s && (
        <section>
          <h2>GPUs</h2>
          {s.gpus.length === 0 ? (
            <p class="muted">This host has no GPU.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>Name</th>
                  <th>Use</th>
                  <th>Memory</th>
                  <th>Temperature</th>
                  <th>Power</th>
                </tr>
              </thead>
              <tbody>
                {s.gpus.map((g, i) => (
                  <tr key={i}>
                    <td>{i}</td>
                    <td>{g.name}</td>
                    <td>{g.gpu_util}</td>
                    <td>
                      {g.used_mem} / {g.total_mem}
                    </td>
                    <td>{g.temp} °C</td>
                    <td>
                      {g.power} / {g.power_limit}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </main>
  );
}
