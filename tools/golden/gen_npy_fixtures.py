#!/usr/bin/env python3
"""Writes the .npy/.npz fixtures the Java tests read, with real NumPy.

Run from the repository root:  /usr/bin/python3 tools/golden/gen_npy_fixtures.py
Output: modules/tensor-simd/src/test/resources/golden/npy/ (small files, committed).
The arrays are simple formulas so the tests can state the expected values; NpyFixturesTest
names each formula next to its assertions.
"""
import os
import zipfile

import numpy as np

OUT = os.path.join("modules", "tensor-simd", "src", "test", "resources", "golden", "npy")


def save(name, array, **kw):
    np.save(os.path.join(OUT, name), array, **kw)


def main():
    os.makedirs(OUT, exist_ok=True)
    # little-endian, C order: one file per dtype PyTorch shares with NumPy
    save("f4_2x3.npy", (np.arange(6, dtype=np.float32).reshape(2, 3) * 1.5 - 2))
    save("f8_scalar.npy", np.float64(-2.75))
    save("f2_5.npy", np.array([0.5, -1.0, 65504.0, np.inf, -0.0], dtype=np.float16))
    save("f4_special.npy", np.array([np.nan, np.inf, -np.inf, 1e-45, -3.4028235e38], dtype=np.float32))
    save("i8_3.npy", np.array([-(2**63), 2**63 - 1, 42], dtype=np.int64))
    save("i4_2x2.npy", np.array([[-(2**31), 7], [2**31 - 1, 0]], dtype=np.int32))
    save("i2_3.npy", np.array([-32768, 1, 32767], dtype=np.int16))
    save("i1_3.npy", np.array([-128, 0, 127], dtype=np.int8))
    save("u1_3.npy", np.array([0, 128, 255], dtype=np.uint8))
    save("b1_2x2.npy", np.array([[True, False], [False, True]]))
    save("f4_empty_0x3.npy", np.zeros((0, 3), dtype=np.float32))
    save("i8_1x1x1.npy", np.array([[[5]]], dtype=np.int64))
    # layouts and byte orders NumPy may write
    save("f4_3x4_fortran.npy", np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4)))
    save("f8_2x3_bigendian.npy", (np.arange(6, dtype=np.float64).reshape(2, 3) / 4 - 1).astype(">f8"))
    save("i4_4_bigendian.npy", np.array([1, -2, 3 * 2**24, -(2**31)], dtype=">i4"))
    with open(os.path.join(OUT, "f4_3_v2.npy"), "wb") as f:
        np.lib.format.write_array(f, np.array([1.0, 2.0, 3.0], dtype=np.float32), version=(2, 0))
    # types PyTorch has no dtype for
    save("c8_2.npy", np.array([1 + 2j, 3 - 4j], dtype=np.complex64))
    save("u2_2.npy", np.array([1, 65535], dtype=np.uint16))
    save("object_2.npy", np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    # damaged files: cut inside the data, cut inside the header, not a .npy at all, extra bytes
    full = open(os.path.join(OUT, "f4_2x3.npy"), "rb").read()
    open(os.path.join(OUT, "truncated_data.npy"), "wb").write(full[:-5])
    open(os.path.join(OUT, "truncated_header.npy"), "wb").write(full[:40])
    open(os.path.join(OUT, "not_npy.npy"), "wb").write(b"PK\x03\x04 this is not an array")
    open(os.path.join(OUT, "trailing_bytes.npy"), "wb").write(full + b"\x00\x00\x00\x00")
    # archives
    arrays = dict(weight=np.arange(6, dtype=np.float32).reshape(3, 2) - 2.5,
                  bias=np.array([1, 2], dtype=np.int64),
                  flag=np.array(True))
    np.savez(os.path.join(OUT, "archive.npz"), **arrays)
    np.savez_compressed(os.path.join(OUT, "archive_compressed.npz"), **arrays)
    with zipfile.ZipFile(os.path.join(OUT, "archive_with_text.npz"), "w") as z:
        z.writestr("readme.txt", "not an array")


if __name__ == "__main__":
    main()
