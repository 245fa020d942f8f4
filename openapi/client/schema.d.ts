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
