#!/usr/bin/python3
"""Checks that real PyTorch reads a safetensors checkpoint written by jtorch (run by hand; CI has no Python).

    ./jt -q -pl modules/nn -am test -Dtest=CheckpointTest -Dsurefire.failIfNoSpecifiedTests=false
    /usr/bin/python3 tools/golden/check_java_safetensors.py

Parses the file by hand (Debian has no `safetensors` package), loads it strictly into the torch twin of the Java
model, and compares the output for the Java test's input with the Java output.
"""
import json
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

DIR = "modules/nn/target/safetensors-from-java"
DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32, "F16": torch.float16,
          "U8": torch.uint8, "I8": torch.int8, "I16": torch.int16, "BOOL": torch.bool}


def read_safetensors(path):
    data = open(path, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {})
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        arr = np.frombuffer(body[b:e], dtype=torch.empty(0, dtype=DTYPES[info["dtype"]]).numpy().dtype)
        out[name] = torch.from_numpy(arr.copy()).view(info["shape"])
    return out, meta


state, meta = read_safetensors(f"{DIR}/model.safetensors")
print("metadata:", meta, "keys:", list(state))
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
model.load_state_dict(state, strict=True)
x = torch.from_numpy(np.load(f"{DIR}/input.npy"))
expected = torch.from_numpy(np.load(f"{DIR}/output.npy"))
got = model(x).detach()
ok = torch.allclose(got, expected, rtol=1e-6, atol=1e-6)
print("PyTorch output matches the Java output:", ok, "max diff", (got - expected).abs().max().item())
sys.exit(0 if ok else 1)
