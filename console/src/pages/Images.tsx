import { useState } from 'preact/hooks';
import { api, ok, type Schemas } from '../api';
import { Field } from '../components/Field';
import { LogView } from '../components/LogView';
import { Problem } from '../components/Problem';
import { bytes, time } from '../format';
import { useAction, useLoad } from '../hooks';
import { href } from '../router';
import { useBuild } from '../live';

type BuildForm = Schemas['CreateImageDto'];

const NEW_BUILD: BuildForm = {
  name: '',
  baseImage: 'webapi/python:3',
  aptInstall: '',
  pipInstall: '',
  additionalCommand: '',
  update: false,
};

/** Drops the empty optional fields, so the service applies its defaults. */
function filled(form: BuildForm): BuildForm {
  return Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '' && v !== false)) as BuildForm;
}

/** The engine's images, a form to build one, and the live log of the build `building` names. */
export function ImagesPage({ building }: { building?: string }) {
  const images = useLoad(() => ok(api.GET('/api/image/list')), []);
  const [form, setForm] = useState<BuildForm>(NEW_BUILD);
  const set = (field: keyof BuildForm) => (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    setForm({ ...form, [field]: input.type === 'checkbox' ? input.checked : input.value });
  };
  const build = useAction(async () => {
    await ok(api.POST('/api/image/create', { body: filled(form) }));
    location.hash = href('images', form.name);
  });
  const remove = useAction(async (name: string) => {
    if (!confirm(`Delete the image ${name}?`)) return;
    await ok(api.DELETE('/api/image/item/{name}', { params: { path: { name } } }));
    images.reload();
  });
  return (
    <main>
      <h1>Images</h1>
      <div class="columns">
        <form
          class="card"
          aria-label="Build an image"
          onSubmit={(e) => {
            e.preventDefault();
            void build.run();
          }}
        >
          <h2>Build an image</h2>
          <Field label="Name (tag)" name="name" error={build.error} hint="e.g. team/trainer:1.0">
            <input name="name" required value={form.name} onInput={set('name')} placeholder="my-trainer:1.0" />
          </Field>
          <Field label="Base image" name="baseImage" error={build.error}>
            <input name="baseImage" required value={form.baseImage} onInput={set('baseImage')} list="image-tags" />
          </Field>
          <Field label="Debian packages" name="aptInstall" error={build.error} hint="separated by spaces">
            <input name="aptInstall" value={form.aptInstall} onInput={set('aptInstall')} placeholder="jq curl" />
          </Field>
          <Field label="Python packages" name="pipInstall" error={build.error} hint="PEP 508 names, e.g. numpy==1.26.4">
            <input name="pipInstall" value={form.pipInstall} onInput={set('pipInstall')} />
          </Field>
          <Field label="Extra commands" name="additionalCommand" error={build.error} hint="one RUN step a line">
            <textarea
              name="additionalCommand"
              rows={3}
              value={form.additionalCommand}
              onInput={set('additionalCommand')}
            />
          </Field>
          <label class="check">
            <input type="checkbox" name="update" checked={form.update} onChange={set('update')} /> Upgrade the base
            image's packages first
          </label>
          <Problem error={build.error} />
          <button type="submit" disabled={build.busy}>
            {build.busy ? 'Starting…' : 'Build'}
          </button>
        </form>
        {building && <BuildLog name={building} onDone={images.reload} />}
      </div>
      <datalist id="image-tags">
        {(images.data ?? [])
          .flatMap((i) => i.RepoTags ?? [])
          .map((tag) => (
            <option key={tag} value={tag} />
          ))}
      </datalist>
      <section>
        <h2>On the engine</h2>
        <Problem error={images.error ?? remove.error} />
        <table>
          <thead>
            <tr>
              <th>Tags</th>
              <th>Size</th>
              <th>Created</th>
              <th>Containers</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(images.data ?? []).map((image) => {
              const name = image.RepoTags?.find((t) => t !== '<none>:<none>') ?? image.Id;
              return (
                <tr key={image.Id}>
                  <td>{(image.RepoTags ?? ['<none>']).join(', ')}</td>
                  <td>{bytes(image.Size)}</td>
                  <td>{time(image.Created)}</td>
                  <td>{image.Containers >= 0 ? image.Containers : '–'}</td>
                  <td>
                    <button class="danger small" onClick={() => void remove.run(name)} aria-label={`Delete ${name}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </main>
  );
}

function BuildLog({ name, onDone }: { name: string; onDone: () => void }) {
  const build = useBuild(name, onDone);
  return (
    <section class="card build" aria-label={`Build of ${name}`}>
      <h2>
        Build of {name}{' '}
        <span class={`badge ${build.state ?? ''}`} data-testid="build-state">
          {build.state ?? '…'}
          {build.state === 'queued' && build.queuePosition ? ` #${build.queuePosition}` : ''}
        </span>
      </h2>
      <Problem error={build.error} />
      {build.failure && <p class="problem">{build.failure}</p>}
      <LogView lines={build.lines} dropped={build.dropped} label={`Log of the build of ${name}`} />
    </section>
  );
}
