import { useState } from 'preact/hooks';
import { Problem } from '../components/Problem';
import { ProgressBar } from '../components/ProgressBar';
import { time } from '../format';
import { useRunActions } from '../run-actions';
import { useRuns, type RunRow } from '../live';
import { href } from '../router';
import { RunForm } from './RunForm';

/** Every run with its live status and progress; start, stop and delete runs. */
export function RunsPage() {
  const runs = useRuns();
  const actions = useRunActions(runs.reload);
  const [showForm, setShowForm] = useState(false);
  return (
    <main>
      <div class="title-row">
        <h1>Runs</h1>
        <button onClick={() => setShowForm(!showForm)} aria-expanded={showForm}>
          {showForm ? 'Close the form' : 'Start a run…'}
        </button>
      </div>
      {showForm && <RunForm onStarted={runs.reload} />}
      <Problem error={runs.error ?? actions.error} />
      <table class="runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Status</th>
            <th>Progress</th>
            <th>Owner</th>
            <th>GPUs</th>
            <th>Image</th>
            <th>Submitted</th>
            <th>Finished</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.rows.map((run) => (
            <RunRowView key={run.id} run={run} actions={actions} />
          ))}
          {runs.loaded && runs.rows.length === 0 && (
            <tr>
              <td colSpan={9} class="muted">
                No runs yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </main>
  );
}

export function StatusBadge({ run }: { run: Pick<RunRow, 'status' | 'reason' | 'queuePosition'> }) {
  const queued = run.status === 'queued' && run.queuePosition !== undefined && run.queuePosition !== null;
  return (
    <span class={`badge ${run.status}`} title={run.reason ?? undefined} data-testid="run-status">
      {run.status}
      {queued && ` #${run.queuePosition}`}
    </span>
  );
}

function RunRowView({ run, actions }: { run: RunRow; actions: ReturnType<typeof useRunActions> }) {
  return (
    <tr data-run={run.id}>
      <td>
        <a href={href('run', run.id)}>{run.id}</a>
      </td>
      <td>
        <StatusBadge run={run} />
        {run.reason && run.status !== 'running' && <div class="muted small">{run.reason}</div>}
      </td>
      <td>
        <ProgressBar value={run.progress} label={`progress of ${run.id}`} />
      </td>
      <td>{run.owner ?? '–'}</td>
      <td title={run.gpus.join('\n')}>{run.gpus.length || '–'}</td>
      <td>{run.image}</td>
      <td>{time(run.submittedAt)}</td>
      <td>{time(run.finishedAt)}</td>
      <td class="actions">
        {run.active ? (
          <button class="small" onClick={() => void actions.stop(run.id)} aria-label={`Stop ${run.id}`}>
            Stop
          </button>
        ) : (
          <button class="danger small" onClick={() => void actions.remove(run.id)} aria-label={`Delete ${run.id}`}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
