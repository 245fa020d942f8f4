"""Example script module: counts the words of params["text"].

The service writes the request body to <input>/params.json, runs
`python main.py --top 3` in /app (this folder, read-only) and answers the
<output>/result.json this script writes. A non-zero exit answers 502 with
the end of this script's output.
"""
import argparse
import collections
import json
import os

parser = argparse.ArgumentParser()
parser.add_argument("--top", type=int, default=5)
args = parser.parse_args()

input_dir = os.environ.get("APP_INPUT_DIR", "input")
output_dir = os.environ.get("APP_OUTPUT_DIR", "output")

with open(os.path.join(input_dir, "params.json")) as f:
    params = json.load(f)

text = params.get("text")
if not isinstance(text, str):
    raise ValueError('params.json needs a string "text"')

words = text.lower().split()
print(f"counting {len(words)} words")

# Run as a run of /api/exec, the word counts per line become a metric series
# (GET /api/exec/metrics/{exec_id}): one JSON line per point in /apprun/metrics.jsonl.
if os.path.isdir("/apprun"):
    with open("/apprun/metrics.jsonl", "a") as f:
        for step, line in enumerate(text.splitlines()):
            f.write(json.dumps({"name": "words_per_line", "value": len(line.split()), "step": step}) + "\n")
result = {
    "words": len(words),
    "characters": len(text),
    "top": collections.Counter(words).most_common(args.top),
}

with open(os.path.join(output_dir, "result.json"), "w") as f:
    json.dump(result, f)
