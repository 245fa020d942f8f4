"""A small training run that reports the way the service reads it.

Fits y = 3x + 2 by gradient descent, in plain Python (no packages), and
writes, in the run folder /apprun:
  - metrics.jsonl: one JSON line per point, {"name", "value", "step"}, appended
    as training goes (GET /api/exec/metrics/{exec_id}, `metric` events);
  - progress.json: {"main_progress", "epoch"}, replaced atomically
    (GET /api/exec/progress/{exec_id}, `progress` events);
  - result.json: the final loss and metric (GET /api/exec/result/{exec_id}).
Run it with POST /api/exec/create {"srcPath": "<folder with this file>",
"mainSrc": "train.py", "imageTag": "webapi/python:3"}.
"""
import json
import os
import random
import time

RUN_DIR = "/apprun" if os.path.isdir("/apprun") else "."
EPOCHS = int(os.environ.get("EPOCHS", "20"))
STEPS_PER_EPOCH = 50


def log_metric(name, value, step):
    # One complete line per write: the service reads whole lines only.
    with open(os.path.join(RUN_DIR, "metrics.jsonl"), "a") as f:
        f.write(json.dumps({"name": name, "value": value, "step": step, "ts": time.time()}) + "\n")


def write_json(name, value):
    # Write then rename, so a reader never sees a half-written file.
    tmp = os.path.join(RUN_DIR, name + ".tmp")
    with open(tmp, "w") as f:
        json.dump(value, f)
    os.replace(tmp, os.path.join(RUN_DIR, name))


random.seed(0)
data = [(x, 3 * x + 2 + random.gauss(0, 0.1)) for x in (random.uniform(-1, 1) for _ in range(256))]
w, b, lr = 0.0, 0.0, 0.05
step = 0
for epoch in range(1, EPOCHS + 1):
    for _ in range(STEPS_PER_EPOCH):
        batch = random.sample(data, 32)
        gw = sum(2 * (w * x + b - y) * x for x, y in batch) / len(batch)
        gb = sum(2 * (w * x + b - y) for x, y in batch) / len(batch)
        w, b = w - lr * gw, b - lr * gb
        loss = sum((w * x + b - y) ** 2 for x, y in batch) / len(batch)
        log_metric("loss", loss, step)
        step += 1
    val = sum((w * x + b - y) ** 2 for x, y in data) / len(data)
    log_metric("val_loss", val, step)
    write_json("progress.json", {"main_progress": 100 * epoch / EPOCHS, "epoch": epoch})
    print(f"epoch {epoch}: loss {loss:.4f} val_loss {val:.4f} w {w:.3f} b {b:.3f}", flush=True)
    time.sleep(0.1)

write_json("result.json", {"loss": val, "metric": abs(w - 3) + abs(b - 2), "metric_name": "parameter error"})
