// Generated from openapi/openapi.json by `npm run openapi`. Do not edit.
export interface paths {
    "/api/app/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app modules of the modules folder (APPS_DIR) */
        get: operations["listAppModules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/app/run/{module_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run an app module
         * @description Builds the module image first when its tag is missing. A module that fails, times out or leaves no result answers a problem document whose `log` holds the last lines of its output (502 failed, 504 timed out, 422 invalid module or image build failed).
         */
        post: operations["runAppModule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a browser session (HttpOnly cookie) with an API token
         * @description Browsers cannot add an Authorization header to <img src>, <a href> downloads or EventSource. Logging in sets an HttpOnly, SameSite=Strict cookie (path /api) holding a signed session that every route accepts instead of the bearer header; a changing request made with the cookie must come from the service's own origin or one in CORS_ORIGINS (fetch with credentials: "include"). Sessions end after SESSION_TTL_SECONDS, on logout, when their token is removed or changed, and when the service restarts. Each client may try LOGIN_RATE_LIMIT_PER_MINUTE times a minute (10 by default); more attempts answer 429 with Retry-After.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the browser session and clear its cookie */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dataset/item/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One dataset */
        get: operations["getDataset"];
        /** Replace a dataset's fields */
        put: operations["updateDataset"];
        /** Add a dataset under the name in the URL */
        post: operations["addDataset"];
        /** Remove a dataset; answers what was removed */
        delete: operations["deleteDataset"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dataset/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All datasets */
        get: operations["listDatasets"];
        put?: never;
        /**
         * Replace the whole dataset list
         * @description The list is validated as a whole (every entry valid, names unique); when anything is wrong nothing changes.
         */
        post: operations["replaceDatasets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Status changes of every run and build (for dashboards)
         * @description Only `status` events, each with `kind` (exec or image) and `id`; the latest status of every run and build is replayed first. Every event has an id, increasing within the stream. To resume, send the last id as `Last-Event-ID` (EventSource does) or `?after=`: the events still held after it follow; when it is older than what is held, a `resync` event comes first. A client that reads too slowly gets a `log` event with a `dropped` count instead of the lines it missed. A `: keep-alive` comment comes at least every 15 s.
         */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a run of code from a storage in a container
         * @description Mounts the source at /app (working directory), the input at /app/data and /data/input, the output at /app/output and /data/output, and the run folder at /apprun, then runs `python <mainSrc>` (or `command`). Without inputPath nothing is mounted at /app/data; without outputPath the run writes into runs/<exec_id>/output of the default storage. The run is admitted when the GPUs, CPUs and memory it asks for are free: it then answers once the container has started (status running); otherwise at once with status queued. A missing image is a 404, a command that cannot start a 400, a run that could never fit this host a 422.
         */
        post: operations["createExec"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/events/{exec_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A run's live events: status, progress, result, log lines, metric points, end
         * @description The latest status, progress and result are always replayed; log lines and metric points within a window. A run that has ended replays what is held, then sends `end` and closes. Every event has an id, increasing within the stream. To resume, send the last id as `Last-Event-ID` (EventSource does) or `?after=`: the events still held after it follow; when it is older than what is held, a `resync` event comes first. A client that reads too slowly gets a `log` event with a `dropped` count instead of the lines it missed. A `: keep-alive` comment comes at least every 15 s.
         */
        get: operations["streamExecEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/info/{exec_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The run's container as Docker describes it (State.Running…) */
        get: operations["getExecInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/item/{exec_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Forget a stopped or queued run: removes its container, run folder and queue place (409 while it runs) */
        delete: operations["deleteExec"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every run: its create fields, its lifecycle status, its container state and info */
        get: operations["listExecs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/logs/{exec_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The run's output lines, stdout and stderr in order */
        get: operations["getExecLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/metrics/{exec_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The metric history of a run (what it appended to /apprun/metrics.jsonl)
         * @description At most `points` buckets per series, by step range: each bucket has its last value and step, and min, max and count; a series' first and last points are always there. Lines that are not metric points are counted in `skipped`.
         */
        get: operations["getExecMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/progress/{exec_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the run last wrote to /apprun/progress.json, or null */
        get: operations["getExecProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The queued runs in the order they will be considered, each with why it waits */
        get: operations["getExecQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/result/{exec_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the run wrote to /apprun/result.json, or null */
        get: operations["getExecResult"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/status/{exec_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The run's lifecycle status: status, reason, queue position, GPUs, times (cheap to poll) */
        get: operations["getExecStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/exec/stop/{exec_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Stop a run: SIGTERM, then SIGKILL after EXEC_STOP_GRACE_SECONDS (a queued run is canceled without starting) */
        put: operations["stopExec"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the engine answers and the data folder is writable */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/image/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start building an image
         * @description Generates the Dockerfile from the fields and starts the build; answers 200 as soon as it is under way. Follow it with GET /api/image/create/{name}. At most BUILD_MAX_RUNNING builds run at once; more wait queued (phase `queued`). 409 while a build of the same name has not ended.
         */
        post: operations["createImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/image/create/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The state and log of a build (queued, building or finished) */
        get: operations["getImageBuild"];
        put?: never;
        post?: never;
        /** Forget a build record and its log (a build that has not ended goes on) */
        delete: operations["deleteImageBuild"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/image/events/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A build's live events: status, log lines, end
         * @description A build that has ended replays what is held, then sends `end` and closes. Every event has an id, increasing within the stream. To resume, send the last id as `Last-Event-ID` (EventSource does) or `?after=`: the events still held after it follow; when it is older than what is held, a `resync` event comes first. A client that reads too slowly gets a `log` event with a `dropped` count instead of the lines it missed. A `: keep-alive` comment comes at least every 15 s.
         */
        get: operations["streamImageEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/image/item/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an image (404 absent, 409 used by a container) */
        delete: operations["deleteImage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/image/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The engine's images, with every field Docker gives */
        get: operations["listImages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics: request durations, runs by status, queue, GPUs held, build durations, storage traffic, engine, process
         * @description Needs the token like every route, unless METRICS_PUBLIC=true.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model/item/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One model */
        get: operations["getModel"];
        /** Replace a model's fields */
        put: operations["updateModel"];
        /** Add a model under the name in the URL */
        post: operations["addModel"];
        /** Remove a model; answers what was removed */
        delete: operations["deleteModel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/model/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All models */
        get: operations["listModels"];
        put?: never;
        /**
         * Replace the whole model list
         * @description The list is validated as a whole (every entry valid, names unique); when anything is wrong nothing changes.
         */
        post: operations["replaceModels"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storage/dir/{storage_id}/{file_path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create a folder (and its missing parents); 403 "File already exist" if anything is there */
        put: operations["createStorageDir"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storage/file/{storage_id}/{file_path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a file (usable as an <img src>; supports Range) */
        get: operations["getStorageFile"];
        /**
         * Store the request body as a file (created or replaced atomically)
         * @description 404 "Path not found" when the folder of the file is missing.
         */
        put: operations["putStorageFile"];
        /**
         * Upload files: into an existing folder each under its own name, else the single file at the path
         * @description 404 "Path not found" when the folder to write into is missing. Each file is written atomically.
         */
        post: operations["uploadStorageFiles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storage/item/{storage_id}/{file_path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a file or a folder (a non-empty folder with recursive=true); never the root */
        delete: operations["deleteStorageItem"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storage/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The configured storages */
        get: operations["listStorages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storage/list/{storage_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Files and folders at the root of a storage, a page at a time */
        get: operations["listStorageRootFiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storage/list/{storage_id}/{file_path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Files and folders of a folder of a storage, a page at a time */
        get: operations["listStorageFiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storage/upload_item": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload files as a temporary upload item (optionally extracting zip files) */
        post: operations["createUploadItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/storage/upload_item/{upload_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an upload item and its files */
        delete: operations["deleteUploadItem"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/system/gpus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The GPUs runs are given (nvidia-smi, or GPU_INVENTORY), each with the run holding it */
        get: operations["listGpus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/system/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The host: CPU, memory, disk and GPUs */
        get: operations["getSystemInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/system/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The swarm's nodes: role, availability, state, CPUs, memory, labels and generic resources (GPUs)
         * @description Managers first. 409 when the engine is not a swarm manager (runs then use one engine; RUN_BACKEND=swarm needs a swarm).
         */
        get: operations["listNodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AppExecutionDto: {
            /**
             * @description The program to run, as a list of arguments. Default `["python", "main.py"]`.
             *     (An addition to the seed's fields.)
             */
            command?: string[];
            /** @description Arguments appended to the command. */
            command_params?: string[];
            /**
             * @description Script modules: where the container finds `params.json` (the request body).
             *     Relative paths are inside `/app`; absolute ones are container paths. Default `input`.
             */
            input?: string;
            /** @description Script modules: where the module writes `result.json` (the response). Same rules as `input`. Default `output`. */
            output?: string;
            /** @description Server modules: the port the server listens on (it gets it as `APP_PORT` too). */
            port?: number;
            /** @description The module's source folder, relative to the module folder; mounted read-only at `/app` (the working directory). Default `.`. */
            src?: string;
        };
        AppImageBuildDto: {
            /** @description Shell commands run after the packages are installed, one `RUN` step each; a single string is one command. */
            additional_command?: string[];
            /** @description Debian packages to install, separated by spaces. */
            apt?: string;
            /** @description The base image (FROM), e.g. `webapi/python:3`. */
            base: string;
            /** @description Python packages to install with pip, separated by spaces. */
            pip?: string;
            /** @description Runs `apt-get update && apt-get -y upgrade` first. */
            update?: boolean;
        };
        AppImageDto: {
            /** @description How to build it; without it the image must exist already. */
            build?: components["schemas"]["AppImageBuildDto"];
            /** @description The image's tag (name); built from `build` when the engine does not have it. */
            tag: string;
        };
        AppModuleDto: {
            execution: components["schemas"]["AppExecutionDto"];
            /** @description The module's id: the name of its folder. */
            id: string;
            image: components["schemas"]["AppImageDto"];
            /** @description A display name. */
            name: string;
            /** @description `script`: runs once per call, params.json in, result.json out. `server`: started once, called over HTTP. */
            type: components["schemas"]["AppModuleType"];
        };
        /**
         * @description `script`: runs once per call, params.json in, result.json out. `server`: started once, called over HTTP.
         * @enum {string}
         */
        AppModuleType: "server" | "script";
        AuthSessionDto: {
            /** @description When the session ends (ISO 8601). */
            expiresAt: string;
            /** @description Id of the token the session was opened with (never the token). */
            tokenId: string;
        };
        /**
         * @description `queued` while it waits for one of the BUILD_MAX_RUNNING build slots, `building`, then `finished`.
         * @enum {string}
         */
        BuildPhase: "queued" | "building" | "finished";
        /**
         * @description How the build ended; null until it ends. `canceled`: the service stopped during the build.
         * @enum {string}
         */
        BuildResult: "succeeded" | "failed" | "canceled";
        /**
         * @description `running` until the build ended (queued or building), then `exited` (whatever the result).
         * @enum {string}
         */
        BuildStatus: "running" | "exited";
        CreateExecDto: {
            /**
             * @description Command to run instead of `python <mainSrc>`: a string runs through
             *     `/bin/sh -c`, a list runs as it is.
             * @example [
             *       "python",
             *       "train.py",
             *       "--epochs",
             *       "3"
             *     ]
             */
            command?: string | string[];
            /**
             * @description Where the run may be placed, as Docker Swarm placement constraints
             *     (`node.labels.gpu==a100`, `node.hostname!=gpu-3`, `node.role==worker`;
             *     keys `node.id`, `node.hostname`, `node.role`, `node.platform.os`,
             *     `node.platform.arch`, `node.labels.<name>`, `engine.labels.<name>`;
             *     `==` or `!=`), all of which must hold; at most 16. Only with
             *     RUN_BACKEND=swarm (otherwise a 422). A run no node matches waits
             *     `starting`, its reason saying so.
             * @example [
             *       "node.labels.gpu==a100"
             *     ]
             */
            constraints?: string[];
            /** @description CPUs the run may use (fractions allowed); at most EXEC_CPUS when that is set. */
            cpus?: number;
            /**
             * @description Whole GPUs for the run, assigned exclusively by the scheduler: a count,
             *     `"all"` (every GPU of the host) or `"none"`. Default: `useGPU`, else
             *     EXEC_GPUS.
             */
            gpus?: string | number;
            /**
             * @description Id of the run, chosen by the client (409 if taken); generated when absent.
             * @example mnist-run-1
             */
            id?: string;
            /**
             * @description Image to run (built with POST /api/image/create, or present on the engine).
             * @example webapi/python:3
             */
            imageTag: string;
            /**
             * @description Folder of input data, mounted read-only at `/app/data` and `/data/input`. It must exist. Absent or `""`: no input is mounted.
             * @example default:datasets/mnist
             */
            inputPath?: string;
            /**
             * @description Python file to run, relative to the source folder: the command is `python <mainSrc>`. Needed unless `command` is given.
             * @example train.py
             */
            mainSrc?: string;
            /** @description Memory limit, e.g. `"8g"`; at most EXEC_MEMORY when that is set. */
            memory?: string;
            /** @description Network mode, one of EXEC_ALLOWED_NETWORK_MODES (default EXEC_NETWORK_MODE). */
            networkMode?: components["schemas"]["ExecNetworkMode"];
            /**
             * @description Folder for output, mounted read-write at `/app/output` and `/data/output`;
             *     created when missing. Absent or `""`: the run's own folder
             *     `runs/<exec_id>/output` of the default storage, named in the run's record.
             * @example default:outputs/mnist-run-1
             */
            outputPath?: string;
            /** @description Higher starts first; first come first served within a priority. Default 0. */
            priority?: number;
            /** @description Size of `/dev/shm`, e.g. `"2g"` (default EXEC_SHM_SIZE). */
            shmSize?: string;
            /**
             * @description Folder of the source code, mounted read-write at `/app` (the working
             *     directory). With `uploadId`: a folder inside the upload item (default:
             *     the item itself).
             * @example default:projects/mnist
             */
            srcPath?: string;
            /** @description Seconds after which the run is stopped and ends `failed` ("timed out after N s"). Default EXEC_TIMEOUT_SECONDS, at most EXEC_TIMEOUT_MAX_SECONDS. */
            timeoutSeconds?: number;
            /** @description Run code from an upload item (POST /api/storage/upload_item) instead of a storage folder. */
            uploadId?: string;
            /** @description Older form of `gpus`: true asks for one GPU, false for none. */
            useGPU?: boolean;
            /** @description Free JSON kept with the run and returned by the list (at most 64 KiB). */
            userdata?: {
                [key: string]: unknown;
            } | unknown[] | string | number | boolean;
        };
        CreateImageDto: {
            /**
             * @description Shell commands run after the packages are installed, separated by `\n`:
             *     each line becomes its own `RUN` step. A line may not end with a
             *     backslash, open a heredoc, or hold other control characters.
             * @example mkdir -p /work
             *     echo ready > /work/state
             */
            additionalCommand?: string;
            /**
             * @description Debian packages to install with apt-get (non-interactive), separated by
             *     spaces, each optionally pinned as `name=version`. Options are refused.
             * @example jq curl
             */
            aptInstall?: string;
            /**
             * @description The base image (FROM): a Docker image reference. Pulled first when the
             *     engine does not have it.
             * @example webapi/python:3
             */
            baseImage: string;
            /**
             * @description The tag to build the image as: a Docker image name with an optional tag
             *     (lowercase repository), e.g. `team/trainer:1.0`. Without a tag, `latest`.
             *     It follows Docker's reference grammar (ASCII only), unlike the Unicode
             *     names of datasets and models: an image tag cannot be Korean. It is also
             *     the build record's name (`/api/image/create/{name}`).
             * @example my-trainer:1.0
             */
            name: string;
            /**
             * @description Python packages to install with pip, separated by spaces: PEP 508 names
             *     with optional extras and simple version pins (`numpy==1.26.4`,
             *     `torch>=2,<3`). Options (`-o`, `--index-url`) and URLs are refused; the
             *     package index is the service's configuration.
             * @example numpy==1.26.4 requests
             */
            pipInstall?: string;
            /** @description Runs `apt-get update && apt-get -y upgrade` on the base image first. */
            update?: boolean;
        };
        DataDirHealthDto: {
            writable: boolean;
        };
        DatasetBodyDto: {
            /** @description Free text about the entry; `""` when not given. */
            description?: string;
            /** @description The dataset family: of a dataset, the family it belongs to; of a model, the family it takes. `""` when not given. */
            family?: string;
            /** @description Optional and ignored: the name in the URL wins. */
            name?: string;
            /** @description Id of the storage holding the entry (one of `GET /api/storage/list`). */
            storageId: string;
            /** @description Where the entry lies in the storage: a path from the storage's root (`/dataset` and `dataset` are the same folder; no `..`). */
            storagePath: string;
            /** @description The entry's type: for a dataset `Image`, `Text`, `Table`…; for a model `Model`, `Preprocessor`…. */
            type: string;
        };
        DatasetDto: {
            /** @description Free text about the entry; `""` when not given. */
            description?: string;
            /** @description The dataset family: of a dataset, the family it belongs to; of a model, the family it takes. `""` when not given. */
            family?: string;
            /** @description The dataset's name, unique in the catalog: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit (e.g. `한국어 말뭉치`), stored in NFC form. */
            name: string;
            /** @description Id of the storage holding the entry (one of `GET /api/storage/list`). */
            storageId: string;
            /** @description Where the entry lies in the storage: a path from the storage's root (`/dataset` and `dataset` are the same folder; no `..`). */
            storagePath: string;
            /** @description The entry's type: for a dataset `Image`, `Text`, `Table`…; for a model `Model`, `Preprocessor`…. */
            type: string;
        };
        EngineHealthDto: {
            reachable: boolean;
        };
        ExecContainerStateDto: {
            Dead: boolean;
            Error: string;
            /** @description The command's exit code once it has exited (143 after a stop, 137 after a kill). */
            ExitCode: number;
            /** @description ISO time; `0001-01-01T00:00:00Z` while running. */
            FinishedAt: string;
            OOMKilled: boolean;
            Paused: boolean;
            Pid: number;
            Restarting: boolean;
            /** @description Whether the run is still going; turns false within a fraction of a second of the exit. */
            Running: boolean;
            /** @description ISO time; `0001-01-01T00:00:00Z` before the start. */
            StartedAt: string;
            /** @description created, running, paused, restarting, removing, exited or dead. */
            Status: string;
        };
        ExecCreatedDto: {
            /** @description Id of the run, for the other exec routes. */
            exec_id: string;
            /** @description `running` when it started, `queued` when it waits (see GET /api/exec/status). */
            status: components["schemas"]["ExecRunStatus"];
            /** @example true */
            success: boolean;
        };
        ExecDashboardStatusDto: {
            exec_id: string;
            /** @description The command's exit code once it has ended, else null. */
            exitCode: number | null;
            finishedAt: string | null;
            /** @description The GPUs it holds or held (uuids). */
            gpus: string[];
            /** @description The exec_id. */
            id: string;
            /** @enum {string} */
            kind: "exec";
            /** @description Name of the token that submitted it; null without authentication. */
            owner: string | null;
            /** @description Higher starts first. */
            priority: number;
            /** @description 1-based place in the queue while queued, else null. */
            queuePosition: number | null;
            /** @description Why it is in that status, as text ("waiting for 2 GPUs", "exit code 1", "out of memory", "timed out after 3600 s", "stopped"); null while running. */
            reason: string | null;
            startedAt: string | null;
            /** @description queued, starting, running, succeeded (exit 0), failed, canceled (stopped) or lost (its container vanished). */
            status: components["schemas"]["ExecRunStatus"];
            /** @description ISO times. */
            submittedAt: string;
        };
        ExecDoneDto: {
            /** @example true */
            success: boolean;
        };
        ExecInfoDto: {
            /** @description Its arguments (e.g. `["train.py"]`). */
            Args: string[];
            /** @description Container configuration (image name, command, labels, working directory…). */
            Config: {
                [key: string]: unknown;
            };
            /** @description Creation time, ISO. */
            Created: string;
            /** @description Host configuration (mounts, limits, network mode…). */
            HostConfig: {
                [key: string]: unknown;
            };
            /** @description Container id. */
            Id: string;
            /** @description Image id. */
            Image: string;
            /** @description The bind mounts. */
            Mounts: {
                [key: string]: unknown;
            }[];
            /** @description Container name (`/webapi-exec-…`). */
            Name: string;
            /** @description The executable that was run (e.g. `python`). */
            Path: string;
            State: components["schemas"]["ExecContainerStateDto"];
        };
        ExecItemDto: {
            command?: string | string[];
            /** @description The container's info (as GET /api/exec/info gives it); null when the container no longer exists or the engine has not answered. */
            container: components["schemas"]["ExecInfoDto"] | null;
            cpus?: number;
            /** @description When the run was created, ISO. */
            createdAt: string;
            exec_id: string;
            /** @description The command's exit code once it has ended, else null. */
            exitCode: number | null;
            finishedAt: string | null;
            /** @description The GPUs it holds or held (uuids). */
            gpus: string[];
            imageTag: string;
            inputPath: string;
            mainSrc?: string;
            memory?: string;
            networkMode?: string;
            outputPath: string;
            /** @description Name of the token that submitted it; null without authentication. */
            owner: string | null;
            /** @description Higher starts first. */
            priority: number;
            /** @description 1-based place in the queue while queued, else null. */
            queuePosition: number | null;
            /** @description Why it is in that status, as text ("waiting for 2 GPUs", "exit code 1", "out of memory", "timed out after 3600 s", "stopped"); null while running. */
            reason: string | null;
            shmSize?: string;
            srcPath?: string;
            startedAt: string | null;
            /**
             * @description Docker's state of the container, `missing` when the container no longer
             *     exists, `unknown` while the engine has not answered since the service
             *     started; the lifecycle status (`queued`, `canceled`, `failed`) for a run
             *     that never had a container.
             */
            state: components["schemas"]["ExecRunState"];
            /** @description queued, starting, running, succeeded (exit 0), failed, canceled (stopped) or lost (its container vanished). */
            status: components["schemas"]["ExecRunStatus"];
            /** @description ISO times. */
            submittedAt: string;
            uploadId?: string;
            useGPU?: boolean;
            /** @description The free JSON given at creation. */
            userdata?: {
                [key: string]: unknown;
            } | unknown[] | string | number | boolean;
        };
        ExecLogsDto: {
            /** @description Lines of stdout and stderr, in the order the container wrote them. */
            lines: string[];
        };
        /**
         * @description Network mode, one of EXEC_ALLOWED_NETWORK_MODES (default EXEC_NETWORK_MODE).
         * @enum {string}
         */
        ExecNetworkMode: "none" | "host" | "bridge";
        ExecProgressDto: {
            batch?: number;
            epoch?: number;
            /**
             * @description Progress in percent, 0 to 100.
             * @example 42.5
             */
            main_progress?: number;
        };
        ExecResultDto: {
            /** @description Final loss of the training. */
            loss?: number;
            /** @description Value of the evaluation metric. */
            metric?: number;
            /**
             * @description Name of the metric (accuracy, f1-score, mse…).
             * @example accuracy
             */
            metric_name?: string;
        };
        /**
         * @description Docker's state of the container, `missing` when the container no longer
         *     exists, `unknown` while the engine has not answered since the service
         *     started; the lifecycle status (`queued`, `canceled`, `failed`) for a run
         *     that never had a container.
         * @enum {string}
         */
        ExecRunState: "created" | "pending" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead" | "missing" | "unknown" | "queued" | "starting" | "succeeded" | "failed" | "canceled" | "lost";
        /**
         * @description `running` when it started, `queued` when it waits (see GET /api/exec/status).
         * @enum {string}
         */
        ExecRunStatus: "queued" | "starting" | "running" | "succeeded" | "failed" | "canceled" | "lost";
        FieldErrorDto: {
            /** @description The failing field, dotted for nested fields. */
            field: string;
            message: string;
        };
        GenericResourceDto: {
            /** @description For example `NVIDIA-GPU`. */
            kind: string;
            /** @description A count (discrete resource) or a name such as a GPU's uuid (named resource). */
            value: number | string;
        };
        GpuDto: {
            /** @description exec_id of the run holding it, or null. */
            heldBy: string | null;
            index: number;
            /** @description MiB. */
            memoryTotal: number;
            /** @description MiB; null for simulated GPUs. */
            memoryUsed: number | null;
            name: string;
            /** @description Percent; null for simulated GPUs. */
            utilization: number | null;
            uuid: string;
        };
        GpuInfoDto: {
            free_mem: string;
            /** @description Core utilisation, e.g. `"35 %"`. */
            gpu_util: string;
            /** @description Memory utilisation, e.g. `"12 %"`. */
            mem_util: string;
            /** @description Product name. */
            name: string;
            /** @description Power draw, e.g. `"70.12 W"`. */
            power: string;
            power_limit: string;
            /** @description Temperature in °C, e.g. `"45"`. */
            temp: string;
            /** @description Total memory, e.g. `"24576 MiB"`. */
            total_mem: string;
            used_mem: string;
        };
        HealthDto: {
            dataDir: components["schemas"]["DataDirHealthDto"];
            engine: components["schemas"]["EngineHealthDto"];
            /**
             * @description `ok` when the engine answers and the data folder is writable, else `degraded`.
             * @enum {string}
             */
            status: "ok" | "degraded";
        };
        ImageBuildDto: {
            /** @description How many older lines of the log are not in `lines` (the full log stays on disk). */
            droppedLines: number;
            /**
             * @description Why the build failed or was canceled (Docker's message); `interrupted`
             *     when the service died during the build; null otherwise.
             */
            error: string | null;
            /**
             * Format: date-time
             * @description When the build ended (ISO 8601); null until it ends.
             */
            finishedAt: string | null;
            /** @description The built image's id once the build succeeded; null otherwise. */
            imageId: string | null;
            /**
             * @description The build's output, one string a line, ANSI codes stripped, each line at
             *     most 64 KiB: the newest BUILD_LOG_MAX_LINES lines, read from the full log on disk.
             */
            lines: string[];
            /** @description The image tag being built, with Docker's implied `:latest`. */
            name: string;
            /** @description `queued` while it waits for one of the BUILD_MAX_RUNNING build slots, `building`, then `finished`. */
            phase: components["schemas"]["BuildPhase"];
            /** @description Place in the queue of waiting builds (1 is next); null unless queued. */
            queuePosition: number | null;
            /** @description Why the build waits (queued), or why it did not succeed (the same as `error`); null otherwise. */
            reason: string | null;
            /** @description How the build ended; null until it ends. `canceled`: the service stopped during the build. */
            result: components["schemas"]["BuildResult"] | null;
            /**
             * Format: date-time
             * @description When the build left the queue and started (ISO 8601); null while queued.
             */
            startedAt: string | null;
            /** @description `running` until the build ended (queued or building), then `exited` (whatever the result). */
            status: components["schemas"]["BuildStatus"];
            /**
             * Format: date-time
             * @description When the build was asked for (ISO 8601).
             */
            submittedAt: string;
        };
        ImageBuildStatusDto: {
            /**
             * @description Why the build failed or was canceled (Docker's message); `interrupted`
             *     when the service died during the build; null otherwise.
             */
            error: string | null;
            /**
             * Format: date-time
             * @description When the build ended (ISO 8601); null until it ends.
             */
            finishedAt: string | null;
            /** @description The built image's id once the build succeeded; null otherwise. */
            imageId: string | null;
            /** @description The image tag being built, with Docker's implied `:latest`. */
            name: string;
            /** @description `queued` while it waits for one of the BUILD_MAX_RUNNING build slots, `building`, then `finished`. */
            phase: components["schemas"]["BuildPhase"];
            /** @description Place in the queue of waiting builds (1 is next); null unless queued. */
            queuePosition: number | null;
            /** @description Why the build waits (queued), or why it did not succeed (the same as `error`); null otherwise. */
            reason: string | null;
            /** @description How the build ended; null until it ends. `canceled`: the service stopped during the build. */
            result: components["schemas"]["BuildResult"] | null;
            /**
             * Format: date-time
             * @description When the build left the queue and started (ISO 8601); null while queued.
             */
            startedAt: string | null;
            /** @description `running` until the build ended (queued or building), then `exited` (whatever the result). */
            status: components["schemas"]["BuildStatus"];
            /**
             * Format: date-time
             * @description When the build was asked for (ISO 8601).
             */
            submittedAt: string;
        };
        ImageDashboardStatusDto: {
            /**
             * @description Why the build failed or was canceled (Docker's message); `interrupted`
             *     when the service died during the build; null otherwise.
             */
            error: string | null;
            /**
             * Format: date-time
             * @description When the build ended (ISO 8601); null until it ends.
             */
            finishedAt: string | null;
            /** @description The build's image tag. */
            id: string;
            /** @description The built image's id once the build succeeded; null otherwise. */
            imageId: string | null;
            /** @enum {string} */
            kind: "image";
            /** @description The image tag being built, with Docker's implied `:latest`. */
            name: string;
            /** @description `queued` while it waits for one of the BUILD_MAX_RUNNING build slots, `building`, then `finished`. */
            phase: components["schemas"]["BuildPhase"];
            /** @description Place in the queue of waiting builds (1 is next); null unless queued. */
            queuePosition: number | null;
            /** @description Why the build waits (queued), or why it did not succeed (the same as `error`); null otherwise. */
            reason: string | null;
            /** @description How the build ended; null until it ends. `canceled`: the service stopped during the build. */
            result: components["schemas"]["BuildResult"] | null;
            /**
             * Format: date-time
             * @description When the build left the queue and started (ISO 8601); null while queued.
             */
            startedAt: string | null;
            /** @description `running` until the build ended (queued or building), then `exited` (whatever the result). */
            status: components["schemas"]["BuildStatus"];
            /**
             * Format: date-time
             * @description When the build was asked for (ISO 8601).
             */
            submittedAt: string;
        };
        ImageSummaryDto: {
            /** @description Containers using the image; -1 when not computed. */
            Containers: number;
            /** @description When the image was created (Unix time, seconds). */
            Created: number;
            /** @description The image id, `sha256:…`. */
            Id: string;
            /** @description The image's labels. */
            Labels: {
                [key: string]: string;
            } | null;
            /** @description The parent image's id, or an empty string. */
            ParentId: string;
            /** @description The image's digests (`repository@sha256:…`). */
            RepoDigests: string[] | null;
            /** @description The image's tags (`repository:tag`); `<none>:<none>` for an untagged image. */
            RepoTags: string[] | null;
            /** @description Bytes shared with other images; -1 when not computed. */
            SharedSize: number;
            /** @description Size in bytes. */
            Size: number;
            /** @description Size in bytes, layers shared with other images included. */
            VirtualSize?: number;
        };
        LogBatchDto: {
            /** @description Lines this client missed because it read too slowly (then `lines` is empty): read them from the log route. */
            dropped?: number;
            /** @description The lines, in order. */
            lines: string[];
        };
        LoginDto: {
            /** @description One of the service's API tokens (the same value as in `Authorization: Bearer …`). */
            token: string;
        };
        LogoutDto: {
            /** @description Always true: the session cookie is cleared (and the session revoked when it was valid). */
            success: boolean;
        };
        MetricBucketDto: {
            count: number;
            max: number;
            min: number;
            /** @description Step of the bucket's last point. */
            step: number;
            /** @description Value of the bucket's last point. */
            value: number;
        };
        MetricPointDto: {
            name: string;
            /** @description The run's step; by default the number of earlier points of the name. */
            step: number;
            /** @description Seconds since the epoch; by default when the service read the point. */
            ts: number;
            value: number;
        };
        MetricsHistoryDto: {
            /** @description Each series, bucketed by step; the first and last points of a series are always present. */
            series: {
                [key: string]: components["schemas"]["MetricBucketDto"][];
            };
            /** @description Lines of metrics.jsonl that were not metric points. */
            skipped: number;
        };
        ModelBodyDto: {
            /** @description Free text about the entry; `""` when not given. */
            description?: string;
            /** @description The dataset family: of a dataset, the family it belongs to; of a model, the family it takes. `""` when not given. */
            family?: string;
            /** @description The model's main source file, relative to its folder (e.g. `main.py`); `""` when not given. */
            mainSrc?: string;
            /** @description Optional and ignored: the name in the URL wins. */
            name?: string;
            /** @description Id of the storage holding the entry (one of `GET /api/storage/list`). */
            storageId: string;
            /** @description Where the entry lies in the storage: a path from the storage's root (`/dataset` and `dataset` are the same folder; no `..`). */
            storagePath: string;
            /** @description The entry's type: for a dataset `Image`, `Text`, `Table`…; for a model `Model`, `Preprocessor`…. */
            type: string;
        };
        ModelDto: {
            /** @description Free text about the entry; `""` when not given. */
            description?: string;
            /** @description The dataset family: of a dataset, the family it belongs to; of a model, the family it takes. `""` when not given. */
            family?: string;
            /** @description The model's main source file, relative to its folder (e.g. `main.py`); `""` when not given. */
            mainSrc?: string;
            /** @description The model's name, unique in the catalog: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit (e.g. `한국어 말뭉치`), stored in NFC form. */
            name: string;
            /** @description Id of the storage holding the entry (one of `GET /api/storage/list`). */
            storageId: string;
            /** @description Where the entry lies in the storage: a path from the storage's root (`/dataset` and `dataset` are the same folder; no `..`). */
            storagePath: string;
            /** @description The entry's type: for a dataset `Image`, `Text`, `Table`…; for a model `Model`, `Preprocessor`…. */
            type: string;
        };
        ProblemDto: {
            /**
             * @description What went wrong; the seed's error text where it names one.
             * @example File not found
             */
            detail: string;
            /** @description The failing fields of a validation error. */
            errors?: components["schemas"]["FieldErrorDto"][];
            /** @description The request path. */
            instance: string;
            /** @description The last lines of a log, where one explains the failure. */
            log?: string[];
            /** @description Id of the request, as logged by the service. */
            requestId?: string;
            /** @example 404 */
            status: number;
            /**
             * @description The HTTP status phrase.
             * @example Not Found
             */
            title: string;
            /**
             * @description Always `about:blank`: the status says what kind of problem it is.
             * @example about:blank
             */
            type: string;
        };
        QueuedRunDto: {
            exec_id: string;
            owner: string | null;
            priority: number;
            queuePosition: number;
            reason: string;
            submittedAt: string;
        };
        ResyncDto: {
            /** @description Id of the newest event that is no longer held. */
            oldestHeldAfter: number;
            /** @description What to do: read the current state again; the events still held follow. */
            reason: string;
        };
        RunStatusDto: {
            exec_id: string;
            /** @description The command's exit code once it has ended, else null. */
            exitCode: number | null;
            finishedAt: string | null;
            /** @description The GPUs it holds or held (uuids). */
            gpus: string[];
            /** @description Name of the token that submitted it; null without authentication. */
            owner: string | null;
            /** @description Higher starts first. */
            priority: number;
            /** @description 1-based place in the queue while queued, else null. */
            queuePosition: number | null;
            /** @description Why it is in that status, as text ("waiting for 2 GPUs", "exit code 1", "out of memory", "timed out after 3600 s", "stopped"); null while running. */
            reason: string | null;
            startedAt: string | null;
            /** @description queued, starting, running, succeeded (exit 0), failed, canceled (stopped) or lost (its container vanished). */
            status: components["schemas"]["ExecRunStatus"];
            /** @description ISO times. */
            submittedAt: string;
        };
        StorageDto: {
            /** @description Id of the storage, used in the other storage routes. */
            id: string;
            /** @description Name to show in the UI. */
            name: string;
        };
        StorageFileItemDto: {
            /** @description True for a folder. */
            is_dir: boolean;
            /** @description Last modification, seconds since the epoch (with a fraction). */
            mtime: number;
            /** @description Name of the file or folder. */
            name: string;
            /** @description Size in bytes; 0 for a folder. */
            size: number;
        };
        StorageFileListDto: {
            /** @description The requested count (0: every item). */
            count: number;
            /** @description The requested path, as requested ("" for the root). */
            file_path: string;
            /** @description Id of the storage. */
            id: string;
            items: components["schemas"]["StorageFileItemDto"][];
            /** @description The requested page. */
            page: number;
            /** @description Items in the folder, over all pages. */
            total_count: number;
        };
        StorageItemResultDto: {
            /** @description The path of the item inside the storage, normalised. */
            file_path: string;
            success: boolean;
        };
        StorageUploadResultDto: {
            /** @description Paths of the written files inside the storage. */
            files: string[];
            success: boolean;
        };
        StoredFileDto: {
            /** @description The path of the file inside the storage, normalised. */
            file_path: string;
            /** @description Bytes written. */
            size: number;
            success: boolean;
        };
        SuccessDto: {
            /** @description Always true: failures answer a problem document. */
            success: boolean;
        };
        SwarmNodeDto: {
            /** @description The address the swarm reaches it at. */
            address: string;
            /** @description Whether runs are placed on it: `active`, `pause` or `drain`. */
            availability: string;
            /** @description Logical processors. */
            cpus: number;
            /** @description Docker version of the node's engine. */
            engineVersion: string;
            genericResources: components["schemas"]["GenericResourceDto"][];
            hostname: string;
            /** @description The engine's node id. */
            id: string;
            /** @description Node labels, which run constraints match (`node.labels.<key>==<value>`). */
            labels: {
                [key: string]: string;
            };
            /** @description Whether it leads the managers. */
            leader: boolean;
            /** @description Bytes of memory. */
            memoryBytes: number;
            /** @description `manager` or `worker`. */
            role: string;
            /** @description `ready`, `down`, `disconnected` or `unknown`. */
            state: string;
        };
        SystemInfoDto: {
            /** @description Bytes of main memory available to new work. */
            available_memory: number;
            /** @description Physical cores. */
            cpu_core_count: number;
            /** @description CPU model name. */
            cpu_info: string;
            /** @description Logical processors. */
            cpu_thread_count: number;
            /** @description CPU use in percent, sampled in the background. */
            cpu_util: number;
            disk_free: number;
            /** @description Bytes of the disk holding the data folder. */
            disk_total: number;
            disk_used: number;
            /** @description The first GPU, or null without a GPU. */
            gpu_info: components["schemas"]["GpuInfoDto"] | null;
            /** @description Every GPU, in the same shape; empty without a GPU. */
            gpus: components["schemas"]["GpuInfoDto"][];
            /** @description Network node name (host name). */
            node: string;
            /** @description Platform name, e.g. `Linux-6.1.0-x86_64`. */
            platform: string;
            /** @description Bytes of main memory. */
            total_memory: number;
        };
        UploadItemDto: {
            /** @description The uploaded files, relative to the item's folder. */
            files: string[];
            /** @description Whether the upload succeeded. */
            success: boolean;
            /** @description The files extracted from the zip files (with `unzip=true`), relative to the item's folder. */
            unzip_files: string[];
            /** @description Id of the item (32 hex digits), e.g. for `uploadId` of an exec. */
            upload_id: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAppModules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppModuleDto"][];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    runAppModule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The module's id (its folder name under APPS_DIR). */
                module_id: string;
            };
            cookie?: never;
        };
        /** @description Anything the module takes: a script module reads it as params.json, a server module receives it as the body of its POST /api/run. */
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description What the module answered: a script module's result.json, a server module's JSON answer to POST /api/run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Gateway Timeout */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthSessionDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Too Many Requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogoutDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The dataset's name, percent-encoded: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit, e.g. `한국어 말뭉치` (else 400). Compared in NFC form. */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    updateDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The dataset's name, percent-encoded: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit, e.g. `한국어 말뭉치` (else 400). Compared in NFC form. */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatasetBodyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    addDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The dataset's name, percent-encoded: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit, e.g. `한국어 말뭉치` (else 400). Compared in NFC form. */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatasetBodyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The dataset's name, percent-encoded: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit, e.g. `한국어 말뭉치` (else 400). Compared in NFC form. */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listDatasets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetDto"][];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    replaceDatasets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DatasetDto"][];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetDto"][];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                after?: number;
            };
            header?: {
                /** @description The id of the last event received: resume after it. */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A stream of events (text/event-stream): `id:`, `event:` and one line of JSON `data:` each, and `: keep-alive` comments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        data: components["schemas"]["ExecDashboardStatusDto"] | components["schemas"]["ImageDashboardStatusDto"];
                        /** @enum {string} */
                        event: "status";
                        id: string;
                    } | {
                        data: components["schemas"]["ResyncDto"];
                        /** @enum {string} */
                        event: "resync";
                        id: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createExec: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExecDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecCreatedDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Unprocessable Entity */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Bad Gateway */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    streamExecEvents: {
        parameters: {
            query?: {
                after?: number;
            };
            header?: {
                /** @description The id of the last event received: resume after it. */
                "Last-Event-ID"?: string;
            };
            path: {
                /** @description Id of the run, as POST /api/exec/create returned it. */
                exec_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A stream of events (text/event-stream): `id:`, `event:` and one line of JSON `data:` each, and `: keep-alive` comments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        data: components["schemas"]["RunStatusDto"];
                        /** @enum {string} */
                        event: "status";
                        id: string;
                    } | {
                        data: components["schemas"]["ExecProgressDto"];
                        /** @enum {string} */
                        event: "progress";
                        id: string;
                    } | {
                        data: components["schemas"]["ExecResultDto"];
                        /** @enum {string} */
                        event: "result";
                        id: string;
                    } | {
                        data: components["schemas"]["LogBatchDto"];
                        /** @enum {string} */
                        event: "log";
                        id: string;
                    } | {
                        data: components["schemas"]["MetricPointDto"][];
                        /** @enum {string} */
                        event: "metric";
                        id: string;
                    } | {
                        data: components["schemas"]["ResyncDto"];
                        /** @enum {string} */
                        event: "resync";
                        id: string;
                    } | {
                        data: components["schemas"]["RunStatusDto"];
                        /** @enum {string} */
                        event: "end";
                        id: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getExecInfo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the run, as POST /api/exec/create returned it. */
                exec_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecInfoDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteExec: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the run, as POST /api/exec/create returned it. */
                exec_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecDoneDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listExecs: {
        parameters: {
            query?: {
                /** @description Only the runs of this owner (the name of the token that created them). */
                owner?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecItemDto"][];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getExecLogs: {
        parameters: {
            query?: {
                /** @description Only the last `tail` lines. */
                tail?: number;
                /** @description Only lines written at or after this time: seconds since the epoch (fractions allowed) or an ISO 8601 time. */
                since?: string;
            };
            header?: never;
            path: {
                /** @description Id of the run, as POST /api/exec/create returned it. */
                exec_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecLogsDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getExecMetrics: {
        parameters: {
            query?: {
                /** @description Comma-separated names (all series when absent). */
                names?: string;
                /** @description Buckets per series at most. */
                points?: number;
                /** @description `true`: every point as NDJSON (application/x-ndjson) instead of buckets. */
                raw?: "true" | "false";
                /** @description Only points at or after this step. */
                fromStep?: number;
                /** @description Only points at or before this step. */
                toStep?: number;
            };
            header?: never;
            path: {
                /** @description Id of the run, as POST /api/exec/create returned it. */
                exec_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The series bucketed by step (JSON), or with raw=true every point, one JSON object a line (NDJSON). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricsHistoryDto"];
                    "application/x-ndjson": components["schemas"]["MetricPointDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getExecProgress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the run, as POST /api/exec/create returned it. */
                exec_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The content of /apprun/progress.json; null while it is missing or half-written. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecProgressDto"] | null;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getExecQueue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedRunDto"][];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getExecResult: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the run, as POST /api/exec/create returned it. */
                exec_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The content of /apprun/result.json; null while it is missing or half-written. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecResultDto"] | null;
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getExecStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the run, as POST /api/exec/create returned it. */
                exec_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunStatusDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    stopExec: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the run, as POST /api/exec/create returned it. */
                exec_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecDoneDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createImage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateImageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuccessDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getImageBuild: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageBuildDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteImageBuild: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuccessDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    streamImageEvents: {
        parameters: {
            query?: {
                after?: number;
            };
            header?: {
                /** @description The id of the last event received: resume after it. */
                "Last-Event-ID"?: string;
            };
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A stream of events (text/event-stream): `id:`, `event:` and one line of JSON `data:` each, and `: keep-alive` comments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        data: components["schemas"]["ImageBuildStatusDto"];
                        /** @enum {string} */
                        event: "status";
                        id: string;
                    } | {
                        data: components["schemas"]["LogBatchDto"];
                        /** @enum {string} */
                        event: "log";
                        id: string;
                    } | {
                        data: components["schemas"]["ResyncDto"];
                        /** @enum {string} */
                        event: "resync";
                        id: string;
                    } | {
                        data: components["schemas"]["ImageBuildStatusDto"];
                        /** @enum {string} */
                        event: "end";
                        id: string;
                    };
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuccessDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listImages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImageSummaryDto"][];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model's name, percent-encoded: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit, e.g. `한국어 말뭉치` (else 400). Compared in NFC form. */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    updateModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model's name, percent-encoded: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit, e.g. `한국어 말뭉치` (else 400). Compared in NFC form. */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelBodyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    addModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model's name, percent-encoded: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit, e.g. `한국어 말뭉치` (else 400). Compared in NFC form. */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelBodyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model's name, percent-encoded: 1-128 Unicode letters, digits, spaces, `_`, `.` or `-`, starting with a letter or digit, e.g. `한국어 말뭉치` (else 400). Compared in NFC form. */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDto"][];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    replaceModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelDto"][];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDto"][];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createStorageDir: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the storage (see GET /api/storage/list). */
                storage_id: string;
                /** @description Path inside the storage. Nested paths may be sent percent-encoded in one segment (`a%2Fb.png`, as the SDK does) or with real slashes (`a/b.png`, as in an `<img src>`); the path is decoded once. */
                file_path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StorageItemResultDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Insufficient Storage */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getStorageFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the storage (see GET /api/storage/list). */
                storage_id: string;
                /** @description Path inside the storage. Nested paths may be sent percent-encoded in one segment (`a%2Fb.png`, as the SDK does) or with real slashes (`a/b.png`, as in an `<img src>`); the path is decoded once. */
                file_path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, streamed; Content-Type from its extension */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description The requested byte range (Range header) */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description Not modified (If-None-Match) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Range Not Satisfiable */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    putStorageFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the storage (see GET /api/storage/list). */
                storage_id: string;
                /** @description Path inside the storage. Nested paths may be sent percent-encoded in one segment (`a%2Fb.png`, as the SDK does) or with real slashes (`a/b.png`, as in an `<img src>`); the path is decoded once. */
                file_path: string;
            };
            cookie?: never;
        };
        /** @description The bytes of the file, whatever the Content-Type. */
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoredFileDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Payload Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Insufficient Storage */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    uploadStorageFiles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Id of the storage (see GET /api/storage/list). */
                storage_id: string;
                /** @description Path inside the storage. Nested paths may be sent percent-encoded in one segment (`a%2Fb.png`, as the SDK does) or with real slashes (`a/b.png`, as in an `<img src>`); the path is decoded once. */
                file_path: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description One or more files (any field name). */
                    file?: string[];
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StorageUploadResultDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Payload Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Insufficient Storage */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteStorageItem: {
        parameters: {
            query?: {
                /** @description Delete a non-empty folder with everything in it (`true` or `false`). */
                recursive?: boolean;
            };
            header?: never;
            path: {
                /** @description Id of the storage (see GET /api/storage/list). */
                storage_id: string;
                /** @description Path inside the storage. Nested paths may be sent percent-encoded in one segment (`a%2Fb.png`, as the SDK does) or with real slashes (`a/b.png`, as in an `<img src>`); the path is decoded once. */
                file_path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuccessDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listStorages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StorageDto"][];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listStorageRootFiles: {
        parameters: {
            query?: {
                /** @description Page number, from 0. */
                page?: number;
                /** @description Items a page; 0 returns every item. */
                count?: number;
            };
            header?: never;
            path: {
                /** @description Id of the storage (see GET /api/storage/list). */
                storage_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StorageFileListDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listStorageFiles: {
        parameters: {
            query?: {
                /** @description Page number, from 0. */
                page?: number;
                /** @description Items a page; 0 returns every item. */
                count?: number;
            };
            header?: never;
            path: {
                /** @description Id of the storage (see GET /api/storage/list). */
                storage_id: string;
                /** @description Path inside the storage. Nested paths may be sent percent-encoded in one segment (`a%2Fb.png`, as the SDK does) or with real slashes (`a/b.png`, as in an `<img src>`); the path is decoded once. */
                file_path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StorageFileListDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createUploadItem: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description One or more files (any field name). */
                    file?: string[];
                    /**
                     * @description Extract each zip file into the item
                     * @enum {string}
                     */
                    unzip?: "true" | "false";
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadItemDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Payload Too Large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body has a Content-Type this route does not take (see the request body for those it takes) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Insufficient Storage */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    deleteUploadItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The upload_id POST /api/storage/upload_item returned. */
                upload_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuccessDto"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listGpus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GpuDto"][];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getSystemInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SystemInfoDto"];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    listNodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SwarmNodeDto"][];
                };
            };
            /** @description No valid bearer token or session (see WWW-Authenticate) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Internal Server Error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The Docker engine does not answer (see Retry-After) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
}
