import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../api';
import { Field } from '../components/Field';
import { Problem } from '../components/Problem';
import { useAction, useLoad } from '../hooks';
import { href } from '../router';

type CreateExec = Schemas['CreateExecDto'];

interface RunFields {
  srcPath: string;
  mainSrc: string;
  imageTag: string;
  inputPath: string;
  outputPath: string;
  gpus: string;
  priority: string;
}

/** "2" is a count, anything else ("all", "none") is sent as written; empty leaves the service's default. */
function gpusOf(text: string): CreateExec['gpus'] {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function createBody(f: RunFields): CreateExec {
  const body: CreateExec = {
    srcPath: f.srcPath,
    mainSrc: f.mainSrc,
    imageTag: f.imageTag,
    priority: Number(f.priority) || 0,
  };
  // Empty folders are left out: no input mounted, and an output folder of the run's own.
  if (f.inputPath) body.inputPath = f.inputPath;
  if (f.outputPath) body.outputPath = f.outputPath;
  const gpus = gpusOf(f.gpus);
  if (gpus !== undefined) body.gpus = gpus;
  return body;
}

/** Start a run: the code's folder and main file, the image, the data and output folders (storage:folder), the GPUs. */
export function RunForm({ onStarted }: { onStarted: () => void }) {
  const storages = useLoad(() => ok(api.GET('/api/storage/list')), []);
  const images = useLoad(() => ok(api.GET('/api/image/list')), []);
  const storage = storages.data?.[0]?.id ?? 'default';
  const [fields, setFields] = useState<RunFields>({
    srcPath: '',
    mainSrc: 'train.py',
    imageTag: 'webapi/python:3',
    inputPath: '',
    outputPath: '',
    gpus: '',
    priority: '0',
  });
  const set = (name: keyof RunFields) => (e: Event) =>
    setFields({ ...fields, [name]: (e.currentTarget as HTMLInputElement).value });
  const start = useAction(async () => {
    const { exec_id } = await ok(api.POST('/api/exec/create', { body: createBody(fields) }));
    onStarted();
    location.hash = href('run', exec_id);
  });
  return (
    <form
      class="card run-form"
      aria-label="Start a run"
      onSubmit={(e) => {
        e.preventDefault();
        void start.run();
      }}
    >
      <h2>Start a run</h2>
      <div class="form-grid">
        <Field label="Source folder" name="srcPath" error={start.error} hint="storage:folder with the code">
          <input
            name="srcPath"
            required
            autoFocus
            value={fields.srcPath}
            onInput={set('srcPath')}
            placeholder={`${storage}:projects/mnist`}
          />
        </Field>
        <Field label="Main file" name="mainSrc" error={start.error} hint="run as python <file>">
          <input name="mainSrc" required value={fields.mainSrc} onInput={set('mainSrc')} />
        </Field>
        <Field label="Image" name="imageTag" error={start.error}>
          <input name="imageTag" required value={fields.imageTag} onInput={set('imageTag')} list="run-images" />
        </Field>
        <Field label="Data folder" name="inputPath" error={start.error} hint="optional; mounted read-only at /app/data">
          <input
            name="inputPath"
            value={fields.inputPath}
            onInput={set('inputPath')}
            placeholder={`${storage}:datasets/mnist`}
          />
        </Field>
        <Field
          label="Output folder"
          name="outputPath"
          error={start.error}
          hint="optional (default: the run's own); mounted at /app/output"
        >
          <input
            name="outputPath"
            value={fields.outputPath}
            onInput={set('outputPath')}
            placeholder={`${storage}:outputs/run-1`}
          />
        </Field>
        <Field label="GPUs" name="gpus" error={start.error} hint='a count, "all" or "none"'>
          <input name="gpus" value={fields.gpus} onInput={set('gpus')} placeholder="default" />
        </Field>
        <Field label="Priority" name="priority" error={start.error} hint="higher starts first">
          <input
            name="priority"
            type="number"
            min={-1000}
            max={1000}
            step={1}
            value={fields.priority}
            onInput={set('priority')}
          />
        </Field>
      </div>
      <datalist id="run-images">
        {(images.data ?? [])
          .flatMap((i) => i.RepoTags ?? [])
          .filter((t) => t !== '<none>:<none>')
          .map((tag) => (
            <option key={tag} value={tag} />
          ))}
      </datalist>
      <Problem error={start.error} />
      <button type="submit" disabled={start.busy}>
        {start.busy ? 'Starting…' : 'Start'}
      </button>
    </form>
  );
}
