#!/usr/bin/env python3
"""Facts about the first Fashion-MNIST images, read with plain Python from Debian's files, for module data's tests of
the IDX reader and the embedded sample. Writes modules/data/src/test/resources/golden/data/fashion-mnist.txt."""
import gzip

d = "/usr/share/datasets/fashion-mnist/"
im = gzip.open(d + "train-images-idx3-ubyte.gz").read()[16:]
lb = gzip.open(d + "train-labels-idx1-ubyte.gz").read()[8:]
ti = gzip.open(d + "t10k-images-idx3-ubyte.gz").read()[16:]
tl = gzip.open(d + "t10k-labels-idx1-ubyte.gz").read()[8:]
facts = {
    "train_labels_first20": " ".join(str(x) for x in lb[:20]),
    "train_image0_byte_sum": sum(im[:784]),
    "train_image1999_byte_sum": sum(im[1999 * 784:2000 * 784]),
    "test_labels_first20": " ".join(str(x) for x in tl[:20]),
    "test_image499_byte_sum": sum(ti[499 * 784:500 * 784]),
}
with open("modules/data/src/test/resources/golden/data/fashion-mnist.txt", "w") as f:
    f.write("# written by tools/golden/fashion_mnist_facts.py from Debian's dataset-fashion-mnist\n")
    for k, v in facts.items():
        f.write(f"{k} = {v}\n")
