#!/usr/bin/env python3
"""Writes the Fashion-MNIST sample embedded in module data: the first 2,000 training and 500 test images (and their
labels) of Debian's dataset-fashion-mnist, as IDX files, gzip level 9 with no name or time stamp (reproducible).
Run from the repository root: python3 tools/data/make_fashion_mnist_sample.py [SOURCE_DIR]"""
import gzip, struct, sys, os

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
dst = "modules/data/src/main/resources/dev/jtorch/data/fashion-mnist-sample"
counts = {"train": 2000, "t10k": 500}

for split, n in counts.items():
    for kind, ndim in (("images-idx3-ubyte", 3), ("labels-idx1-ubyte", 1)):
        name = f"{split}-{kind}.gz"
        with gzip.open(os.path.join(src, name), "rb") as f:
            data = f.read()
        magic, = struct.unpack(">I", data[:4])
        assert magic == 0x0800 + ndim, hex(magic)
        dims = list(struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim]))
        per_item = 1
        for d in dims[1:]:
            per_item *= d
        body = data[4 + 4 * ndim: 4 + 4 * ndim + n * per_item]
        out = struct.pack(">I", magic) + struct.pack(">" + "I" * ndim, n, *dims[1:]) + body
        with open(os.path.join(dst, name), "wb") as f:
            f.write(gzip.compress(out, compresslevel=9, mtime=0))
