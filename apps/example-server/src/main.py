"""Example server module: statistics of params["numbers"].

The service starts this once (`python main.py` in /app), waits until
GET /api/ping answers {"success": true}, then sends each request body as
POST /api/run and answers the JSON returned by call_server. The process
keeps running between calls, so it can hold a model in memory.
"""
import json
import os
import statistics
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

calls = 0


def call_server(params):
    """The module's work: params is the request body, the return value the answer."""
    global calls
    calls += 1
    numbers = params.get("numbers", [])
    return {
        "count": len(numbers),
        "sum": sum(numbers),
        "mean": statistics.fmean(numbers) if numbers else None,
        "calls": calls,
        "pid": os.getpid(),
    }


class Handler(BaseHTTPRequestHandler):
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/api/ping":
            self.answer(200, {"success": True})
        else:
            self.answer(404, {"error": "not found"})

    def do_POST(self):
        if self.path != "/api/run":
            return self.answer(404, {"error": "not found"})
        try:
            length = int(self.headers.get("Content-Length") or 0)
            params = json.loads(self.rfile.read(length) or b"{}")
            self.answer(200, call_server(params))
        except Exception as e:  # the service answers 502 with this message and the log's tail
            print(f"call_server failed: {e!r}", flush=True)
            self.answer(500, {"error": str(e)})


if __name__ == "__main__":
    host = os.environ.get("APP_HOST", "127.0.0.1")
    port = int(os.environ.get("APP_PORT", "8765"))
    print(f"serving on {host}:{port}", flush=True)
    ThreadingHTTPServer((host, port), Handler).serve_forever()
