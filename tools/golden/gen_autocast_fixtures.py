#!/usr/bin/python3
"""Golden values for autocast (mixed precision) on the CPU with bfloat16, from PyTorch 1.13.

Run from the repository root:
    /usr/bin/python3 tools/golden/gen_autocast_fixtures.py
Writes under modules/nn/src/test/resources/golden/amp/ (committed; CI has no Python):
  - dtypes.txt: "<op> <dtype with float32 inputs> <with bfloat16 inputs> <with float16 inputs>" for each op run
    under torch.autocast('cpu', dtype=torch.bfloat16); ERR where PyTorch has no kernel for that dtype.
  - mixed.txt: "<case> <result dtype>" for ops given inputs of different dtypes under autocast.
  - tensors.npz: inputs, outputs and gradients of small Linear / Conv2d / MLP steps under autocast, and a bfloat16
    matrix product; bfloat16 values are stored as float32 (exact), NumPy has no bfloat16.
and under modules/demo/src/test/resources/golden/seed/:
  - amp_losses.txt, amp_init.npz: the seed's two AMP training loops (autocast alone; autocast with GradScaler,
    whose arithmetic is written out here because PyTorch 1.13's GradScaler is CUDA-only): initial weights, data
    and the loss of every step.
"""
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = "modules/nn/src/test/resources/golden/amp"
os.makedirs(OUT, exist_ok=True)
T = {}


def put(key, t):
    if isinstance(t, torch.Tensor):
        t = t.detach()
        if t.dtype in (torch.bfloat16, torch.float16):
            t = t.float()
        T[key] = t.numpy().copy()
    else:
        T[key] = np.asarray(t)


def name(dt):
    return str(dt).replace("torch.", "")


# ---------------------------------------------------------------- result dtypes per op
torch.manual_seed(0)


def inputs(dt):
    g = torch.Generator().manual_seed(1)

    def r(*shape):
        return torch.randn(*shape, generator=g).to(dt)

    def prob(*shape):
        return torch.rand(*shape, generator=g).mul(0.8).add(0.1).to(dt)

    return dict(a=r(4, 4), b=r(4, 4), v=r(4), a3=r(2, 4, 4), img=r(1, 3, 5, 5), w=r(2, 3, 3, 3), w1=r(2, 3, 3),
                x1=r(1, 3, 6), wt=r(3, 2, 3, 3), bw=r(2, 4, 4), gn_w=r(3), p=prob(4, 4), q=prob(4, 4))


tgt = torch.tensor([1, 0, 2, 3])
# The Java test has one lambda per name below (AutocastGoldenTest.OPS).
OPS = {
    "mm": lambda t: torch.mm(t["a"], t["b"]),
    "matmul": lambda t: t["a"] @ t["b"],
    "matmul_batched": lambda t: t["a3"] @ t["a"],
    "bmm": lambda t: torch.bmm(t["a3"], t["a3"]),
    "addmm": lambda t: torch.addmm(t["v"], t["a"], t["b"]),
    "linear": lambda t: F.linear(t["a"], t["b"], t["v"]),
    "conv2d": lambda t: F.conv2d(t["img"], t["w"]),
    "conv1d": lambda t: F.conv1d(t["x1"], t["w1"]),
    "conv_transpose2d": lambda t: F.conv_transpose2d(t["img"], t["wt"]),
    "einsum": lambda t: torch.einsum("ij,jk->ik", t["a"], t["b"]),
    "bilinear": lambda t: F.bilinear(t["a"], t["a"], t["bw"]),
    "dot": lambda t: torch.dot(t["v"], t["v"]),
    "mv": lambda t: torch.mv(t["a"], t["v"]),
    "outer": lambda t: torch.outer(t["v"], t["v"]),
    "softmax": lambda t: F.softmax(t["a"], 1),
    "log_softmax": lambda t: F.log_softmax(t["a"], 1),
    "sum": lambda t: t["a"].sum(),
    "mean": lambda t: t["a"].mean(),
    "prod": lambda t: t["a"].prod(),
    "prod_dim": lambda t: t["a"].prod(1),
    "cumsum": lambda t: t["a"].cumsum(0),
    "norm": lambda t: t["a"].norm(),
    "var": lambda t: t["a"].var(),
    "logsumexp": lambda t: t["a"].logsumexp(1),
    "layer_norm": lambda t: F.layer_norm(t["a"], (4,)),
    "group_norm": lambda t: F.group_norm(t["img"], 3, t["gn_w"], t["gn_w"]),
    "cross_entropy": lambda t: F.cross_entropy(t["a"], tgt),
    "nll_loss": lambda t: F.nll_loss(t["a"], tgt),
    "mse_loss": lambda t: F.mse_loss(t["a"], t["b"]),
    "l1_loss": lambda t: F.l1_loss(t["a"], t["b"]),
    "smooth_l1_loss": lambda t: F.smooth_l1_loss(t["a"], t["b"]),
    "huber_loss": lambda t: F.huber_loss(t["a"], t["b"]),
    "binary_cross_entropy": lambda t: F.binary_cross_entropy(t["p"], t["q"]),
    "binary_cross_entropy_with_logits": lambda t: F.binary_cross_entropy_with_logits(t["a"], t["q"]),
    "kl_div": lambda t: F.kl_div(t["a"], t["p"], reduction="batchmean"),
    "exp": lambda t: t["a"].exp(),
    "pow": lambda t: t["a"].pow(2),
    "relu": lambda t: t["a"].relu(),
    "gelu": lambda t: F.gelu(t["a"]),
    "max_pool2d": lambda t: F.max_pool2d(t["img"], 2),
    "avg_pool2d": lambda t: F.avg_pool2d(t["img"], 2),
    "adaptive_avg_pool2d": lambda t: F.adaptive_avg_pool2d(t["img"], 2),
    "cosine_similarity": lambda t: F.cosine_similarity(t["a"], t["b"]),
    "pairwise_distance": lambda t: F.pairwise_distance(t["a"], t["b"]),
    "interpolate": lambda t: F.interpolate(t["img"], size=(7, 7), mode="bilinear"),
    "cat": lambda t: torch.cat([t["a"], t["b"]]),
    "stack": lambda t: torch.stack([t["a"], t["b"]]),
    "add": lambda t: t["a"] + t["b"],
}

sets = [inputs(torch.float32), inputs(torch.bfloat16), inputs(torch.float16)]
lines = []
with torch.autocast("cpu", dtype=torch.bfloat16):
    for op, f in OPS.items():
        row = [op]
        for t in sets:
            try:
                row.append(name(f(t).dtype))
            except Exception:  # noqa: BLE001 - PyTorch 1.13 lacks many float16 CPU kernels
                row.append("ERR")
        lines.append(" ".join(row))
with open(os.path.join(OUT, "dtypes.txt"), "w") as fh:
    fh.write("\n".join(lines) + "\n")

# ---------------------------------------------------------------- mixed input dtypes
f, bf = sets[0], sets[1]
MIXED = {
    "mm_bf16_f32": lambda: torch.mm(bf["a"], f["b"]),
    "mm_f64_f64": lambda: torch.mm(f["a"].double(), f["b"].double()),
    "linear_bf16_input_f32_params": lambda: F.linear(bf["a"], f["b"], f["v"]),
    "add_f32_bf16": lambda: f["a"] + bf["b"],
    "cat_f32_bf16": lambda: torch.cat([f["a"], bf["b"]]),
    "stack_f32_bf16": lambda: torch.stack([f["a"], bf["b"]]),
    "stack_bf16_bf16": lambda: torch.stack([bf["a"], bf["b"]]),
    "stack_f64_bf16": lambda: torch.stack([f["a"].double(), bf["b"]]),
    "mse_loss_bf16_f32": lambda: F.mse_loss(bf["a"], f["b"]),
    "conv2d_bf16_input_f32_weight": lambda: F.conv2d(bf["img"], f["w"]),
}
# layers with float32 parameters; recurrent states start as float32 zeros, which pull LSTM/GRU results to float32
torch.manual_seed(5)
bn = nn.BatchNorm2d(2)
bn_eval = nn.BatchNorm2d(2).eval()
seq = torch.randn(3, 1, 5)
MIXED.update({
    "batch_norm_train_bf16_input_f32_params": lambda: bn(bf["img"][:, :2]),
    "batch_norm_eval_bf16_input_f32_params": lambda: bn_eval(bf["img"][:, :2]),
    "lstm_f32": lambda: nn.LSTM(5, 4)(seq)[0],
    "gru_f32": lambda: nn.GRU(5, 4)(seq)[0],
    "rnn_f32": lambda: nn.RNN(5, 4)(seq)[0],
    "lstm_cell_f32": lambda: nn.LSTMCell(5, 4)(seq[0])[0],
    "gru_cell_f32": lambda: nn.GRUCell(5, 4)(seq[0]),
    "rnn_cell_f32": lambda: nn.RNNCell(5, 4)(seq[0]),
    "multihead_attention_f32": lambda: nn.MultiheadAttention(4, 2)(f["a3"], f["a3"], f["a3"])[0],
})
with torch.autocast("cpu", dtype=torch.bfloat16):
    mixed = [k + " " + name(fn().dtype) for k, fn in MIXED.items()]
with open(os.path.join(OUT, "mixed.txt"), "w") as fh:
    fh.write("\n".join(mixed) + "\n")

# ---------------------------------------------------------------- values: forward and backward under autocast
torch.manual_seed(0)
lin = nn.Linear(16, 4)
x = torch.randn(8, 16, requires_grad=True)
y = torch.randn(8, 4)
put("linear.weight", lin.weight)
put("linear.bias", lin.bias)
put("linear.x", x)
put("linear.y", y)
with torch.autocast("cpu", dtype=torch.bfloat16):
    out = lin(x)
    loss = F.mse_loss(out, y)
loss.backward()
put("linear.out", out)
put("linear.loss", loss)
put("linear.weight.grad", lin.weight.grad)
put("linear.bias.grad", lin.bias.grad)
put("linear.x.grad", x.grad)

torch.manual_seed(1)
conv = nn.Conv2d(3, 4, 3, padding=1)
xi = torch.randn(2, 3, 8, 8, requires_grad=True)
put("conv.weight", conv.weight)
put("conv.bias", conv.bias)
put("conv.x", xi)
with torch.autocast("cpu", dtype=torch.bfloat16):
    out = conv(xi)
    loss = out.float().pow(2).mean()
loss.backward()
put("conv.out", out)
put("conv.loss", loss)
put("conv.weight.grad", conv.weight.grad)
put("conv.bias.grad", conv.bias.grad)
put("conv.x.grad", xi.grad)

torch.manual_seed(2)
mlp = nn.Sequential(nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 5))
xm = torch.randn(16, 20)
ym = torch.randint(0, 5, (16,))
for k, v in mlp.state_dict().items():
    put("mlp." + k, v)
put("mlp.x", xm)
put("mlp.y", ym)
with torch.autocast("cpu", dtype=torch.bfloat16):
    logits = mlp(xm)
    loss = F.cross_entropy(logits, ym)
loss.backward()
put("mlp.logits", logits)
put("mlp.loss", loss)
for k, p in mlp.named_parameters():
    put("mlp." + k + ".grad", p.grad)

# bfloat16 matrix product outside autocast. Debian's PyTorch 1.13 on an AVX2 machine (generic cpublas gemm, no
# oneDNN bf16) rounds every product and every partial sum to bfloat16; jtorch accumulates in float32 and rounds once
# (as oneDNN and later PyTorch do). Both are recorded, with the exact product for the errors.
torch.manual_seed(3)
ma = torch.randn(33, 70).bfloat16()
mb = torch.randn(70, 17).bfloat16()
put("bf16mm.a", ma)
put("bf16mm.b", mb)
put("bf16mm.out", ma @ mb)
put("bf16mm.round_once", (ma.float() @ mb.float()).bfloat16())
put("bf16mm.exact", ma.double() @ mb.double())

np.savez(os.path.join(OUT, "tensors.npz"), **T)


# ---------------------------------------------------------------- the seed's two AMP loops
def loop_model():
    torch.manual_seed(4)
    model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 3))
    data = torch.randn(64, 10)
    gt = (data[:, :3] * 2 + data[:, 3:6]).argmax(1)
    return model, data, gt


L = {}
model, data, gt = loop_model()
L["init"] = {k: v.clone() for k, v in model.state_dict().items()}
L["data"], L["gt"] = data, gt
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
plain = []
for _ in range(30):
    optimizer.zero_grad()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        output = model(data)
        total_loss = F.cross_entropy(output, gt)
    total_loss.backward()
    optimizer.step()
    plain.append(total_loss.item())

# GradScaler's arithmetic (init_scale 65536, growth 2 every 2000 clean steps, backoff 0.5), done by hand on the CPU
model, data, gt = loop_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scale = 65536.0
scaled = []
for _ in range(30):
    optimizer.zero_grad()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        output = model(data)
        total_loss = F.cross_entropy(output, gt)
    (total_loss * torch.tensor(scale)).backward()
    inv = torch.tensor(1.0 / scale)
    finite = True
    for p in model.parameters():
        p.grad.mul_(inv)
        finite = finite and bool(torch.isfinite(p.grad).all())
    if finite:
        optimizer.step()
    scaled.append(total_loss.item())

SEED = "modules/demo/src/test/resources/golden/seed"
with open(os.path.join(SEED, "amp_losses.txt"), "w") as fh:
    fh.write("autocast " + " ".join(repr(v) for v in plain) + "\n")
    fh.write("grad_scaler " + " ".join(repr(v) for v in scaled) + "\n")
np.savez(os.path.join(SEED, "amp_init.npz"), data=L["data"].numpy(), gt=L["gt"].numpy(),
         **{"init." + k: v.numpy() for k, v in L["init"].items()})
