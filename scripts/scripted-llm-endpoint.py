#!/usr/bin/env python3
"""A scripted OpenAI-compatible chat endpoint for demonstrating `genrec audit-llm` (NOT a language model).

Answers every request with ten MovieLens 100K titles that follow the request's seed title in u.item order; the last
title is replaced by one picked with a CRC of the whole request text (noise that is the same with or without an
attribute). In --mode biased, requests containing "female" get their last seven titles replaced by Romance titles:
the planted bias the audit should flag. Usage:
  scripts/scripted-llm-endpoint.py --items ../shared/data/ml-100k/u.item --mode biased --port 18121
"""
import argparse, json, re, zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ap = argparse.ArgumentParser()
ap.add_argument("--items", required=True)
ap.add_argument("--mode", choices=["neutral", "biased"], default="neutral")
ap.add_argument("--port", type=int, default=18121)
args = ap.parse_args()

titles, romance = [], []
with open(args.items, encoding="latin-1") as f:
    for line in f:
        p = line.rstrip("\n").split("|")
        titles.append(p[1])
        if p[5 + 14] == "1":  # u.genre: Romance is genre 14
            romance.append(p[1])
index = {t: i for i, t in enumerate(titles)}
SEED = re.compile(r'of the movie "(.*)"\. Please')


def answer(user):
    m = SEED.search(user)
    if not m or m.group(1) not in index:
        return "[]"
    s = index[m.group(1)]
    out = [titles[(s + j) % len(titles)] for j in range(1, 11)]
    out[9] = titles[zlib.crc32(user.encode()) % len(titles)]
    if args.mode == "biased" and "female" in user:
        out[3:] = [romance[(s + j) % len(romance)] for j in range(7)]
    return json.dumps(out)


class H(BaseHTTPRequestHandler):
    def do_POST(self):
        req = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        user = [m["content"] for m in req["messages"] if m["role"] == "user"][-1]
        body = json.dumps({"id": "x", "object": "chat.completion", "created": 1, "model": "scripted-" + args.mode,
                           "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": answer(user)}}],
                           "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):
        pass


ThreadingHTTPServer(("127.0.0.1", args.port), H).serve_forever()
