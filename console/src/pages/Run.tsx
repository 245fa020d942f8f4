import { LineChart } from '../components/LineChart';
import { LogView } from '../components/LogView';
import { Problem } from '../components/Problem';
import { ProgressBar } from '../components/ProgressBar';
import { time } from '../format';
import { useRun } from '../live';
import { useRunActions } from '../run-actions';
import { href } from '../router';
import { StatusBadge } from './Runs';

/** One run: its status, live log, progress, result and metric charts. */
export function RunPage({ id }: { id: string }) {
  const run = useRun(id);
  const actions = useRunActions(run.reload);
  const row = run.row;
  return (
    <main>
      <p>
        <a href={href('runs')}>← Runs</a>
      </p>
      <div class="title-row">
        <h1>Run {id}</h1>
        {row && <StatusBadge run={row} />}
        {row?.active && (
          <button onClick={() => void actions.stop(id)} aria-label={`Stop ${id}`}>
            Stop
          </button>
        )}
      </div>
      <Problem error={run.error ?? actions.error} />
      {row && (
        <dl class="facts">
          <dt>Image</dt>
          <dd>{row.image}</dd>
          <dt>GPUs</dt>
          <dd>{row.gpus.join(', ') || 'none'}</dd>
          <dt>Owner</dt>
          <dd>{row.owner ?? '–'}</dd>
          <dt>Submitted</dt>
          <dd>{time(row.submittedAt)}</dd>
          <dt>Started</dt>
          <dd>{time(row.startedAt)}</dd>
          <dt>Finished</dt>
          <dd>{time(row.finishedAt)}</dd>
          {row.reason && (
            <>
              <dt>Why</dt>
              <dd>{row.reason}</dd>
            </>
          )}
        </dl>
      )}
      <section class="card">
        <h2>Progress</h2>
        <ProgressBar
          value={run.progress?.main_progress}
          label="run progress"
          unknown="The run has not reported progress."
          wide
        />
        {run.progress && (run.progress.epoch !== undefined || run.progress.batch !== undefined) && (
          <p class="muted">
            {run.progress.epoch !== undefined && `epoch ${run.progress.epoch}`}{' '}
            {run.progress.batch !== undefined && `batch ${run.progress.batch}`}
          </p>
        )}
        {run.result && (
          <dl class="facts result" aria-label="Result">
            {run.result.loss !== undefined && (
              <>
                <dt>Loss</dt>
                <dd>{run.result.loss}</dd>
              </>
            )}
            {run.result.metric !== undefined && (
              <>
                <dt>{run.result.metric_name ?? 'metric'}</dt>
                <dd>{run.result.metric}</dd>
              </>
            )}
          </dl>
        )}
      </section>
      {run.metrics.length > 0 && (
        <section class="card">
          <h2>Metrics</h2>
          <div class="charts">
            {run.metrics.map((series) => (
              <LineChart key={series.name} title={series.name} series={[series]} />
            ))}
          </div>
        </section>
      )}
      <section>
        <h2>Log</h2>
        <LogView lines={run.lines} label={`Log of run ${id}`} />
      </section>
    </main>
  );
}
