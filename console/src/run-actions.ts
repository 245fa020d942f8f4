import { api, ok } from './api';
import { useAction } from './hooks';

/** Stop and delete a run, asking first; `changed` after each. */
export function useRunActions(changed: () => void) {
  const stop = useAction(async (id: string) => {
    if (!confirm(`Stop the run ${id}?`)) return;
    await ok(api.PUT('/api/exec/stop/{exec_id}', { params: { path: { exec_id: id } } }));
    changed();
  });
  const remove = useAction(async (id: string) => {
    if (!confirm(`Delete the run ${id}, its container and its run folder?`)) return;
    await ok(api.DELETE('/api/exec/item/{exec_id}', { params: { path: { exec_id: id } } }));
    changed();
  });
  return { stop: stop.run, remove: remove.run, error: stop.error ?? remove.error };
}
