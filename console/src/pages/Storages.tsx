import { useRef, useState } from 'preact/hooks';
import { api, ok } from '../api';
import { Problem } from '../components/Problem';
import { ProgressBar } from '../components/ProgressBar';
import { bytes, time } from '../format';
import { useAction, useLoad } from '../hooks';
import { href } from '../router';
import { withUploadProgress, type UploadProgress } from '../upload-transport';

const PAGE_SIZE = 50;

/** The storage's root in a path parameter: the service normalises "." to the root. */
const ROOT = '.';

const join = (folder: string, name: string) => (folder ? `${folder}/${name}` : name);

/** The URL of a file, for a link or an <img>: real slashes, each segment encoded (the cookie authorises it). */
export function fileUrl(storageId: string, path: string): string {
  return `/api/storage/file/${encodeURIComponent(storageId)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** Browse a storage folder a page at a time; upload, download, make folders, delete. */
export function StoragesPage({ storageId, folder }: { storageId?: string; folder: string }) {
  const storages = useLoad(() => ok(api.GET('/api/storage/list')), []);
  const current = storageId ?? storages.data?.[0]?.id;
  return (
    <main>
      <h1>Storages</h1>
      <Problem error={storages.error} />
      <nav class="tabs" aria-label="Storages">
        {(storages.data ?? []).map((s) => (
          <a key={s.id} href={href('storage', s.id)} aria-current={s.id === current ? 'page' : undefined}>
            {s.name}
          </a>
        ))}
      </nav>
      {current && <Folder key={`${current}/${folder}`} storageId={current} folder={folder} />}
    </main>
  );
}

function Folder({ storageId, folder }: { storageId: string; folder: string }) {
  const [page, setPage] = useState(0);
  const listing = useLoad(
    () =>
      ok(
        folder
          ? api.GET('/api/storage/list/{storage_id}/{file_path}', {
              params: { path: { storage_id: storageId, file_path: folder }, query: { page, count: PAGE_SIZE } },
            })
          : api.GET('/api/storage/list/{storage_id}', {
              params: { path: { storage_id: storageId }, query: { page, count: PAGE_SIZE } },
            }),
      ),
    [storageId, folder, page],
  );
  const [progress, setProgress] = useState<UploadProgress & { names: string }>();
  const upload = useAction(async (files: File[]) => {
    if (!files.length) return;
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    setProgress({
      loaded: 0,
      total: files.reduce((n, f) => n + f.size, 0),
      names: files.map((f) => f.name).join(', '),
    });
    try {
      await ok(
        api.POST('/api/storage/file/{storage_id}/{file_path}', {
          params: { path: { storage_id: storageId, file_path: folder || ROOT } },
          // The form is sent as it is: its multipart boundary is the browser's.
          body: form as never,
          bodySerializer: (body: unknown) => body as FormData,
          ...withUploadProgress((p) => setProgress((old) => old && { ...old, ...p })),
        }),
      );
    } finally {
      setProgress(undefined);
    }
    listing.reload();
  });
  const makeFolder = useAction(async () => {
    const name = prompt('Name of the new folder');
    if (!name) return;
    await ok(
      api.PUT('/api/storage/dir/{storage_id}/{file_path}', {
        params: { path: { storage_id: storageId, file_path: join(folder, name) } },
      }),
    );
    listing.reload();
  });
  const remove = useAction(async (name: string, isDir: boolean) => {
    if (!confirm(isDir ? `Delete the folder ${name} and everything in it?` : `Delete ${name}?`)) return;
    await ok(
      api.DELETE('/api/storage/item/{storage_id}/{file_path}', {
        params: { path: { storage_id: storageId, file_path: join(folder, name) }, query: { recursive: isDir } },
      }),
    );
    listing.reload();
  });
  const picker = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const list = listing.data;
  const pages = list && list.count ? Math.max(1, Math.ceil(list.total_count / list.count)) : 1;
  const crumbs = folder ? folder.split('/') : [];
  return (
    <section
      class={dragging ? 'dropzone dragging' : 'dropzone'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void upload.run([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      <nav class="crumbs" aria-label="Folder">
        <a href={href('storage', storageId)}>{storageId}</a>
        {crumbs.map((name, i) => (
          <span key={i}>
            {' / '}
            <a href={href('storage', storageId, ...crumbs.slice(0, i + 1))}>{name}</a>
          </span>
        ))}
      </nav>
      <div class="toolbar">
        <button onClick={() => picker.current?.click()} disabled={upload.busy}>
          Upload files…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label="Files to upload"
          data-testid="upload-input"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void upload.run(files);
          }}
        />
        <button onClick={() => void makeFolder.run()}>New folder…</button>
        <span class="muted">or drop files here</span>
      </div>
      {progress && (
        <p class="uploading">
          Uploading {progress.names}:{' '}
          <ProgressBar value={progress.total ? (100 * progress.loaded) / progress.total : undefined} label="upload" />{' '}
          {bytes(progress.loaded)} of {bytes(progress.total)}
        </p>
      )}
      <Problem error={listing.error ?? upload.error ?? makeFolder.error ?? remove.error} />
      <table class="files">
        <thead>
          <tr>
            <th>Name</th>
            <th>Size</th>
            <th>Modified</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {folder && (
            <tr>
              <td colSpan={4}>
                <a href={href('storage', storageId, ...crumbs.slice(0, -1))}>.. (up)</a>
              </td>
            </tr>
          )}
          {(list?.items ?? []).map((item) => (
            <tr key={item.name} data-name={item.name}>
              <td>
                {item.is_dir ? (
                  <a class="folder" href={href('storage', storageId, ...crumbs, item.name)}>
                    {item.name}/
                  </a>
                ) : (
                  <a href={fileUrl(storageId, join(folder, item.name))} download={item.name}>
                    {item.name}
                  </a>
                )}
              </td>
              <td>{item.is_dir ? '' : bytes(item.size)}</td>
              <td>{time(item.mtime)}</td>
              <td class="actions">
                <button
                  class="danger small"
                  onClick={() => void remove.run(item.name, item.is_dir)}
                  aria-label={`Delete ${item.name}`}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {list && list.items.length === 0 && (
            <tr>
              <td colSpan={4} class="muted">
                This folder is empty.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {pages > 1 && (
        <nav class="pager" aria-label="Pages of the folder">
          <button disabled={page === 0} onClick={() => setPage(page - 1)}>
            ← Previous
          </button>
          <span>
            Page {page + 1} of {pages} ({list?.total_count} items)
          </span>
          <button disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            Next →
          </button>
        </nav>
      )}
    </section>
  );
}
