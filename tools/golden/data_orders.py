#!/usr/bin/env python3
"""Golden batch orders and split indices from PyTorch 1.13 for module data's tests.
Writes modules/data/src/test/resources/golden/data/orders.txt: one `name = batches` line each, batches separated by
`|`, indices by spaces. Run from the repository root with Debian's python3-torch."""
import torch
from torch.utils.data import DataLoader, random_split

lines = []

def emit(name, groups):
    lines.append(name + " = " + " | ".join(" ".join(str(int(i)) for i in g) for g in groups))

def epochs(loader, k):
    out = []
    for _ in range(k):
        out.extend(b.tolist() for b in loader)
    return out

data = list(range(10))
emit("generator3_bs4_two_epochs", epochs(DataLoader(data, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(3)), 2))
emit("generator3_bs4_droplast_two_epochs", epochs(DataLoader(data, batch_size=4, shuffle=True, drop_last=True, generator=torch.Generator().manual_seed(3)), 2))

torch.manual_seed(7)
emit("default7_bs3_two_epochs", epochs(DataLoader(data, batch_size=3, shuffle=True), 2))
emit("default7_then_randperm5", [torch.randperm(5).tolist()])

torch.manual_seed(11)
emit("default11_unshuffled", epochs(DataLoader(data, batch_size=4), 1))
emit("default11_unshuffled_then_randperm5", [torch.randperm(5).tolist()])

emit("split_10_3_7_seed42", [s.indices for s in random_split(range(10), [3, 7], generator=torch.Generator().manual_seed(42))])
emit("split_30_fractions_seed42", [s.indices for s in random_split(range(30), [0.3, 0.3, 0.4], generator=torch.Generator().manual_seed(42))])
emit("split_11_fractions_seed1", [s.indices for s in random_split(range(11), [0.5, 0.25, 0.25], generator=torch.Generator().manual_seed(1))])
torch.manual_seed(5)
emit("split_8_default5", [s.indices for s in random_split(range(8), [5, 3])])

with open("modules/data/src/test/resources/golden/data/orders.txt", "w") as f:
    f.write("# written by tools/golden/data_orders.py (PyTorch %s)\n" % torch.__version__)
    f.write("\n".join(lines) + "\n")
