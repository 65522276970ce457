#!/usr/bin/env python3
"""Makes the tiny CLIP-style ONNX fixture of genrec-llm's tests (genrec-llm/src/test/resources/tiny-clip/).

The folder has the layout of a CLIP export split into towers (as in Hugging Face ONNX exports of CLIP):
  vision_model.onnx   pixel_values float[N,3,8,8] -> image_embeds float[N,6]  (conv 3x3 -> relu -> global mean -> linear)
  text_model.onnx     input_ids, attention_mask int64[N,L] -> text_embeds float[N,6]  (embedding -> masked mean -> linear)
  tokenizer.json      a Hugging Face tokenizers file (lower-casing, whitespace split, word-level vocabulary)
  preprocessor_config.json  CLIP-style size / crop_size / image_mean / image_std
  probe.png           an 8x8 RGB picture
  reference.json      image_embeds of probe.png and text_embeds of two texts, computed here with numpy from the
                      same weights (and checked against onnxruntime when it is installed)
Weights come from a seeded numpy generator, so rerunning rewrites identical files. Needs: numpy, onnx.
Run: python3 scripts/make-tiny-clip.py [OUT_DIR]
"""
import json, os, struct, sys, zlib

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "genrec-llm", "src", "test", "resources", "tiny-clip")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(17)
D, C, S = 6, 4, 8
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]
VOCAB = ["[PAD]", "[UNK]", "a", "photo", "of", "red", "green", "yellow", "apple", "banana", "milk", "carton", "pear"]

conv_w = rng.normal(0, 0.5, (C, 3, 3, 3)).astype(np.float32)
conv_b = rng.normal(0, 0.1, (C,)).astype(np.float32)
proj_w = rng.normal(0, 0.5, (C, D)).astype(np.float32)
proj_b = rng.normal(0, 0.1, (D,)).astype(np.float32)
emb = rng.normal(0, 0.5, (len(VOCAB), D)).astype(np.float32)
text_proj = rng.normal(0, 0.5, (D, D)).astype(np.float32)


def save(graph, name):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="genrec make-tiny-clip.py")
    model.ir_version = 8  # readable by ONNX Runtime 1.20 (the Java runtime genrec-llm uses)
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name))


vision = helper.make_graph(
    [helper.make_node("Conv", ["pixel_values", "conv_w", "conv_b"], ["c"], pads=[1, 1, 1, 1]),
     helper.make_node("Relu", ["c"], ["r"]),
     helper.make_node("GlobalAveragePool", ["r"], ["g"]),
     helper.make_node("Flatten", ["g"], ["f"]),
     helper.make_node("Gemm", ["f", "proj_w", "proj_b"], ["image_embeds"])],
    "tiny_clip_vision",
    [helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch", 3, S, S])],
    [helper.make_tensor_value_info("image_embeds", TensorProto.FLOAT, ["batch", D])],
    [numpy_helper.from_array(conv_w, "conv_w"), numpy_helper.from_array(conv_b, "conv_b"),
     numpy_helper.from_array(proj_w, "proj_w"), numpy_helper.from_array(proj_b, "proj_b")])
save(vision, "vision_model.onnx")

text = helper.make_graph(
    [helper.make_node("Gather", ["emb", "input_ids"], ["e"]),                 # [N,L,D]
     helper.make_node("Cast", ["attention_mask"], ["m"], to=TensorProto.FLOAT),
     helper.make_node("Unsqueeze", ["m", "axis2"], ["m3"]),                  # [N,L,1]
     helper.make_node("Mul", ["e", "m3"], ["em"]),
     helper.make_node("ReduceSum", ["em", "axis1"], ["s"], keepdims=0),       # [N,D]
     helper.make_node("ReduceSum", ["m3", "axis1"], ["n"], keepdims=0),       # [N,1]
     helper.make_node("Div", ["s", "n"], ["mean"]),
     helper.make_node("MatMul", ["mean", "text_proj"], ["text_embeds"])],
    "tiny_clip_text",
    [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
     helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])],
    [helper.make_tensor_value_info("text_embeds", TensorProto.FLOAT, ["batch", D])],
    [numpy_helper.from_array(emb, "emb"), numpy_helper.from_array(text_proj, "text_proj"),
     numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
     numpy_helper.from_array(np.array([2], dtype=np.int64), "axis2")])
save(text, "text_model.onnx")

tokenizer = {
    "version": "1.0", "truncation": None, "padding": None, "added_tokens": [
        {"id": 0, "content": "[PAD]", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True},
        {"id": 1, "content": "[UNK]", "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}],
    "normalizer": {"type": "Lowercase"},
    "pre_tokenizer": {"type": "Whitespace"},
    "post_processor": None, "decoder": None,
    "model": {"type": "WordLevel", "vocab": {w: i for i, w in enumerate(VOCAB)}, "unk_token": "[UNK]"}}
with open(os.path.join(OUT, "tokenizer.json"), "w") as f:
    json.dump(tokenizer, f, indent=1)
with open(os.path.join(OUT, "preprocessor_config.json"), "w") as f:
    json.dump({"size": {"shortest_edge": S}, "crop_size": {"height": S, "width": S}, "image_mean": MEAN, "image_std": STD}, f, indent=1)

# probe.png: an 8x8 RGB gradient, written as a plain PNG (no imaging library needed)
pixels = np.zeros((S, S, 3), dtype=np.uint8)
for y in range(S):
    for x in range(S):
        pixels[y, x] = [(x * 37 + 11) % 256, (y * 53 + 29) % 256, ((x + y) * 23 + 7) % 256]
raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(S))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", S, S, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
with open(os.path.join(OUT, "probe.png"), "wb") as f:
    f.write(png)

# reference forward passes in numpy (float32 as in the runtime)
x = ((pixels.astype(np.float32) / 255.0 - np.array(MEAN, np.float32)) / np.array(STD, np.float32)).transpose(2, 0, 1)
xp = np.pad(x, ((0, 0), (1, 1), (1, 1)))
conv = np.zeros((C, S, S), np.float32)
for o in range(C):
    for y in range(S):
        for xx in range(S):
            conv[o, y, xx] = np.sum(xp[:, y:y + 3, xx:xx + 3] * conv_w[o]) + conv_b[o]
image_ref = np.maximum(conv, 0).mean(axis=(1, 2)) @ proj_w + proj_b


def text_ref(s):
    ids = [VOCAB.index(w) if w in VOCAB else 1 for w in s.lower().split()]
    return emb[ids].mean(axis=0) @ text_proj


texts = ["a photo of a red apple", "Yellow banana"]
ref = {"image": "probe.png", "image_embeds": image_ref.tolist(), "texts": texts,
       "text_embeds": [text_ref(t).tolist() for t in texts],
       "note": "raw tower outputs; GenRec L2-normalises them"}
try:
    import onnxruntime as ort
    got = ort.InferenceSession(os.path.join(OUT, "vision_model.onnx")).run(None, {"pixel_values": x[None]})[0][0]
    assert np.allclose(got, image_ref, atol=1e-5), (got, image_ref)
    ref["checked_with_onnxruntime"] = ort.__version__
except ImportError:
    pass
with open(os.path.join(OUT, "reference.json"), "w") as f:
    json.dump(ref, f, indent=1)
print("wrote", os.path.abspath(OUT))
