// Generated from openapi/openapi.json by `npm run openapi`. Do not edit.
export interface paths {
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        DataDirHealthDto: {
            path: string;
            writable: boolean;
        };
        EngineHealthDto: {
            reachable: boolean;
            /** @description The engine's version, when it answers. */
            version?: string;
        };
        FieldErrorDto: {
            /** @description The failing field, dotted for nested fields. */
            field: string;
            message: string;
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
            success: boolean;
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
                /** @description Delete a non-empty folder with everything in it. */
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
            /** @description Payload Too Large */
            413: {
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
}
