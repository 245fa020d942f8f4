// Generated from openapi/openapi.json by `npm run openapi`. Do not edit.
export interface paths {
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
         * @description Browsers cannot add an Authorization header to <img src>, <a href> downloads or EventSource. Logging in sets an HttpOnly, SameSite=Strict cookie (path /api) holding a signed session that every route accepts instead of the bearer header; a changing request made with the cookie must come from the service's own origin or one in CORS_ORIGINS (fetch with credentials: "include"). Sessions end after SESSION_TTL_SECONDS, on logout, when their token is removed or changed, and when the service restarts.
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
        AuthSessionDto: {
            /** @description When the session ends (ISO 8601). */
            expiresAt: string;
            /** @description Id of the token the session was opened with (never the token). */
            tokenId: string;
        };
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
        LoginDto: {
            /** @description One of the service's API tokens (the same value as in `Authorization: Bearer …`). */
            token: string;
        };
        LogoutDto: {
            /** @description Always true: the session cookie is cleared (and the session revoked when it was valid). */
            success: boolean;
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
}
