#!/usr/bin/python3
"""Golden values for module dev.jtorch.nn (nn core: Module, layers, init, F activations/losses/basics, clipping).

Run from the repository root:
    /usr/bin/python3 tools/golden/gen_nn_fixtures.py
Writes under modules/nn/src/test/resources/golden/nn/ (committed; CI has no Python):
  - tensors.npz: inputs, outputs and gradients, keyed "<case>.<what>"
  - strings.txt: reprs, state-dict keys and error messages, as "=== <key>" blocks
  - modules/tensor-simd/src/test/resources/golden/safetensors/mixed.safetensors: every dtype, written by hand
  - model.safetensors + model_io.npz: a torch nn.Sequential's state_dict written by hand in the safetensors
    format (Debian has no `safetensors` package), with an input and PyTorch's output for it.
"""
import json
import math
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = "modules/nn/src/test/resources/golden/nn"
os.makedirs(OUT, exist_ok=True)
T = {}
S = {}


def put(key, t):
    T[key] = t.detach().numpy().copy() if isinstance(t, torch.Tensor) else np.asarray(t)


def err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record the message whatever the type
        return str(e)
    raise AssertionError("no error")


# ---------------------------------------------------------------- default initialisation from the seed
torch.manual_seed(0)
l1 = nn.Linear(4, 3)
l2 = nn.Linear(3, 2)
put("init.linear43.weight", l1.weight)
put("init.linear43.bias", l1.bias)
put("init.linear32.weight", l2.weight)
put("init.linear32.bias", l2.bias)
torch.manual_seed(1)
put("init.linear_nobias.weight", nn.Linear(20, 5, bias=False).weight)
torch.manual_seed(2)
bl = nn.Bilinear(2, 3, 4)
put("init.bilinear.weight", bl.weight)
put("init.bilinear.bias", bl.bias)
torch.manual_seed(3)
put("init.embedding.weight", nn.Embedding(5, 3, padding_idx=1).weight)

torch.manual_seed(4)
put("init.xavier_uniform", nn.init.xavier_uniform_(torch.empty(3, 5), gain=2.0))
put("init.xavier_normal", nn.init.xavier_normal_(torch.empty(4, 6)))
put("init.kaiming_uniform", nn.init.kaiming_uniform_(torch.empty(4, 3, 2, 2), mode="fan_out", nonlinearity="relu"))
put("init.kaiming_normal", nn.init.kaiming_normal_(torch.empty(5, 4), a=0.1))
put("init.uniform", nn.init.uniform_(torch.empty(3, 3), -2, 3))
put("init.normal", nn.init.normal_(torch.empty(20), 1.0, 0.5))
put("init.orthogonal_wide", nn.init.orthogonal_(torch.empty(3, 5)))
put("init.orthogonal_tall", nn.init.orthogonal_(torch.empty(6, 4), gain=2.0))
put("init.trunc_normal", nn.init.trunc_normal_(torch.empty(40), mean=0.5, std=2.0, a=-1.0, b=3.0))
put("init.trunc_normal_default", nn.init.trunc_normal_(torch.empty(5, 8)))
put("init.after", torch.rand(3))  # the generator is where PyTorch left it
S["init.gains"] = " ".join(repr(nn.init.calculate_gain(n, p)) for n, p in
                           [("linear", None), ("tanh", None), ("relu", None), ("leaky_relu", None),
                            ("leaky_relu", 0.2), ("selu", None), ("sigmoid", None)])

# ---------------------------------------------------------------- activations (values and gradients)
g = torch.Generator().manual_seed(10)
x = (torch.randn(4, 5, generator=g) * 3).requires_grad_()
up = torch.randn(4, 5, generator=g)
put("act.x", x)
put("act.up", up)
acts = {
    "relu": lambda t: F.relu(t),
    "leaky_relu": lambda t: F.leaky_relu(t, 0.2),
    "elu": lambda t: F.elu(t, 1.5),
    "gelu": lambda t: F.gelu(t),
    "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
    "silu": lambda t: F.silu(t),
    "sigmoid": lambda t: torch.sigmoid(t),
    "tanh": lambda t: torch.tanh(t),
    "softmax1": lambda t: F.softmax(t, dim=1),
    "softmax0": lambda t: F.softmax(t, dim=0),
    "log_softmax1": lambda t: F.log_softmax(t, dim=1),
    "log_softmax0": lambda t: F.log_softmax(t, dim=-2),
    "softplus": lambda t: F.softplus(t),
    "softplus_b2t5": lambda t: F.softplus(t, beta=2, threshold=5),
    "hardtanh": lambda t: F.hardtanh(t),
    "hardtanh_m2_3": lambda t: F.hardtanh(t, -2.0, 3.0),
    "relu6": lambda t: F.relu6(t),
    "logsigmoid": lambda t: F.logsigmoid(t),
    "mish": lambda t: F.mish(t),
    "hardswish": lambda t: F.hardswish(t),
    "hardsigmoid": lambda t: F.hardsigmoid(t),
    "selu": lambda t: F.selu(t),
    "celu": lambda t: F.celu(t, 0.7),
    "softsign": lambda t: F.softsign(t),
    "tanhshrink": lambda t: F.tanhshrink(t),
    "softshrink": lambda t: F.softshrink(t, 1.5),
    "hardshrink": lambda t: F.hardshrink(t, 1.2),
    "threshold": lambda t: F.threshold(t, 0.5, -2.0),
    "glu0": lambda t: F.glu(torch.cat([t, t.flip(1)], 0), 0),
    "prelu": lambda t: F.prelu(t, torch.tensor([0.25, -0.5, 0.1, 1.5, 0.0])),
}
for name, fn in acts.items():
    x.grad = None
    y = fn(x)
    (y * up).sum().backward()
    put(f"act.{name}.out", y)
    put(f"act.{name}.grad", x.grad)
big = torch.tensor([[1000.0, 0.0, -1000.0], [-1e30, -1e30, 5.0]])
put("act.big", big)
put("act.big.log_softmax", F.log_softmax(big, dim=1))
put("act.big.softmax", F.softmax(big, dim=1))

# ---------------------------------------------------------------- losses (values and gradients)
g = torch.Generator().manual_seed(20)
loss_cases = {}


def loss_case(name, fn, inp, *others):
    inp = inp.clone().requires_grad_()
    out = fn(inp, *others)
    if out.dim() == 0:
        out.backward()
    else:
        out.backward(torch.ones_like(out) * torch.arange(1, out.numel() + 1, dtype=out.dtype).view(out.shape))
    put(f"loss.{name}.input", inp)
    for i, o in enumerate(others):
        put(f"loss.{name}.arg{i}", o)
    put(f"loss.{name}.out", out)
    put(f"loss.{name}.grad", inp.grad)


logits = torch.randn(6, 5, generator=g)
tgt = torch.tensor([0, 4, 2, 2, 1, 3])
tgt_ign = torch.tensor([0, -100, 2, 2, -100, 3])
tgt_ign2 = torch.tensor([0, 4, 2, 2, 1, 2])
w5 = torch.tensor([0.5, 1.0, 2.0, 0.25, 1.5])
probs = torch.softmax(torch.randn(6, 5, generator=g), 1)
for red in ["mean", "sum", "none"]:
    loss_case(f"ce_{red}", lambda i, t: F.cross_entropy(i, t, reduction=red), logits, tgt)
    loss_case(f"ce_w_{red}", lambda i, t, w: F.cross_entropy(i, t, weight=w, reduction=red), logits, tgt, w5)
    loss_case(f"ce_ls_{red}", lambda i, t: F.cross_entropy(i, t, label_smoothing=0.1, reduction=red), logits, tgt_ign)
    loss_case(f"ce_wls_{red}", lambda i, t, w: F.cross_entropy(i, t, weight=w, ignore_index=2, label_smoothing=0.2, reduction=red),
              logits, tgt_ign2, w5)
    loss_case(f"ce_prob_{red}", lambda i, t: F.cross_entropy(i, t, reduction=red), logits, probs)
    loss_case(f"ce_probw_{red}", lambda i, t, w: F.cross_entropy(i, t, weight=w, label_smoothing=0.3, reduction=red), logits, probs, w5)
    loss_case(f"nll_w_{red}", lambda i, t, w: F.nll_loss(i, t, weight=w, ignore_index=-100, reduction=red),
              F.log_softmax(logits, 1), tgt_ign, w5)
loss_case("ce_ignore", lambda i, t: F.cross_entropy(i, t, ignore_index=2), logits, tgt_ign2)
loss_case("ce_4d", lambda i, t: F.cross_entropy(i, t), torch.randn(2, 3, 2, 2, generator=g), torch.tensor([[[0, 1], [2, 1]], [[2, 2], [0, 1]]]))
loss_case("ce_1d", lambda i, t: F.cross_entropy(i, t), torch.randn(4, generator=g), torch.tensor(3))

a = torch.randn(3, 4, generator=g)
b = torch.randn(3, 4, generator=g)
for red in ["mean", "sum", "none"]:
    loss_case(f"mse_{red}", lambda i, t: F.mse_loss(i, t, reduction=red), a, b)
    loss_case(f"l1_{red}", lambda i, t: F.l1_loss(i, t, reduction=red), a, b)
    loss_case(f"smooth_l1_{red}", lambda i, t: F.smooth_l1_loss(i, t, reduction=red, beta=0.5), a, b)
    loss_case(f"huber_{red}", lambda i, t: F.huber_loss(i, t, reduction=red, delta=0.7), a, b)
    p = torch.rand(3, 4, generator=g) * 0.98 + 0.01
    y = (torch.rand(3, 4, generator=g) > 0.5).float()
    wb = torch.rand(3, 4, generator=g)
    loss_case(f"bce_{red}", lambda i, t, w: F.binary_cross_entropy(i, t, weight=w, reduction=red), p, y, wb)
    pw = torch.tensor([0.5, 1.0, 2.0, 3.0])
    loss_case(f"bcel_{red}", lambda i, t, w, q: F.binary_cross_entropy_with_logits(i, t, weight=w, pos_weight=q, reduction=red),
              a * 4, y, wb, pw)
    loss_case(f"bcel_plain_{red}", lambda i, t: F.binary_cross_entropy_with_logits(i, t, reduction=red), a * 4, torch.rand(3, 4, generator=g))
lp = F.log_softmax(torch.randn(3, 4, generator=g), 1)
tp = torch.softmax(torch.randn(3, 4, generator=g), 1)
tp[0, 1] = 0.0
for red in ["mean", "sum", "none", "batchmean"]:
    loss_case(f"kl_{red}", lambda i, t: F.kl_div(i, t, reduction=red), lp, tp)
    loss_case(f"kl_log_{red}", lambda i, t: F.kl_div(i, t, reduction=red, log_target=True), lp, torch.log(tp + 0.01))
loss_case("cosine", lambda i, t: F.cosine_similarity(i, t), a, b)
loss_case("cosine0", lambda i, t: F.cosine_similarity(i, t, dim=0, eps=1e-3), a, b)
loss_case("pairwise", lambda i, t: F.pairwise_distance(i, t), a, b)
loss_case("pairwise_p1", lambda i, t: F.pairwise_distance(i, t, p=1.0, keepdim=True), a, b)
# ranking, margin and likelihood losses (their own generator: the cases after them keep their inputs)
gm = torch.Generator().manual_seed(25)
x1m, x2m = torch.randn(6, generator=gm), torch.randn(6, generator=gm)
ypm = torch.tensor([1.0, -1.0, 1.0, 1.0, -1.0, -1.0])
e1, e2 = torch.randn(4, 5, generator=gm), torch.randn(4, 5, generator=gm)
y4 = torch.tensor([1, -1, -1, 1])
mlt = (torch.rand(4, 5, generator=gm) > 0.5).float()
w5b = torch.rand(5, generator=gm)
an, po, ne = torch.randn(4, 6, generator=gm), torch.randn(4, 6, generator=gm), torch.randn(4, 6, generator=gm)
rate = torch.randn(3, 4, generator=gm)
counts = torch.randint(0, 5, (3, 4), generator=gm).float()
mu, tg, var = torch.randn(3, 4, generator=gm), torch.randn(3, 4, generator=gm), torch.rand(3, 4, generator=gm) + 0.1
for red in ["mean", "sum", "none"]:
    loss_case(f"margin_ranking_{red}", lambda i, o, t: F.margin_ranking_loss(i, o, t, margin=0.3, reduction=red), x1m, x2m, ypm)
    loss_case(f"hinge_embedding_{red}", lambda i, t: F.hinge_embedding_loss(i, t, margin=0.8, reduction=red), e1, torch.where(e2 > 0, 1.0, -1.0))
    loss_case(f"soft_margin_{red}", lambda i, t: F.soft_margin_loss(i, t, reduction=red), e1, torch.where(e2 > 0, 1.0, -1.0))
    loss_case(f"multilabel_soft_margin_{red}", lambda i, t, w: F.multilabel_soft_margin_loss(i, t, weight=w, reduction=red), e1, mlt, w5b)
    loss_case(f"cosine_embedding_{red}", lambda i, o, t: F.cosine_embedding_loss(i, o, t, margin=0.2, reduction=red), e1, e2, y4)
    loss_case(f"triplet_{red}", lambda i, o, q: F.triplet_margin_loss(i, o, q, margin=0.7, p=2, reduction=red), an, po, ne)
    loss_case(f"poisson_{red}", lambda i, t: F.poisson_nll_loss(i, t, reduction=red), rate, counts)
    loss_case(f"gaussian_{red}", lambda i, t, v: F.gaussian_nll_loss(i, t, v, reduction=red), mu, tg, var)
loss_case("multilabel_soft_margin_plain", lambda i, t: F.multilabel_soft_margin_loss(i, t), e1, mlt)
loss_case("cosine_embedding_1d", lambda i, o, t: F.cosine_embedding_loss(i, o, t), e1[0], e2[0], torch.tensor(-1))
loss_case("triplet_swap_p1", lambda i, o, q: F.triplet_margin_loss(i, o, q, margin=2.0, p=1, swap=True), an, po, ne)
loss_case("poisson_full_rate", lambda i, t: F.poisson_nll_loss(i, t, log_input=False, full=True), rate.abs() + 0.1, counts)
loss_case("gaussian_full_var_per_sample", lambda i, t, v: F.gaussian_nll_loss(i, t, v, full=True), mu, tg, var[:, 0])
loss_case("gaussian_var_last_dim_1", lambda i, t, v: F.gaussian_nll_loss(i, t, v, eps=0.7), mu, tg, var[:, :1])
vg = var[:, :1].clone().requires_grad_()
F.gaussian_nll_loss(mu, tg, vg, eps=0.7).backward()
put("loss.gaussian_var_last_dim_1.var_grad", vg.grad)  # the clamp to eps is value-only: var's gradient passes through
# 1-d pooling, adaptive max pooling, pixel (un)shuffle, softmin, instance norm
gl = torch.Generator().manual_seed(26)
seq3 = torch.randn(2, 3, 9, generator=gl)
img = torch.randn(2, 8, 5, 6, generator=gl)
loss_case("max_pool1d", lambda i: F.max_pool1d(i, 3, 2, 1, 2, ceil_mode=True), seq3)
loss_case("max_pool1d_plain", lambda i: F.max_pool1d(i, 2), seq3[0])
loss_case("avg_pool1d", lambda i: F.avg_pool1d(i, 3, 2, 1, ceil_mode=True, count_include_pad=False), seq3)
loss_case("adaptive_avg_pool1d", lambda i: F.adaptive_avg_pool1d(i, 4), seq3)
loss_case("adaptive_max_pool2d", lambda i: F.adaptive_max_pool2d(i, (3, 4)), img)
loss_case("adaptive_max_pool2d_1", lambda i: F.adaptive_max_pool2d(i, 1), img[0])
loss_case("pixel_shuffle", lambda i: F.pixel_shuffle(i, 2), img)
loss_case("pixel_unshuffle", lambda i: F.pixel_unshuffle(i, 2), torch.randn(2, 3, 4, 6, generator=gl))
loss_case("softmin", lambda i: F.softmin(i, dim=1), seq3)
loss_case("instance_norm", lambda i: F.instance_norm(i), img[:, :2])  # small: the ramp of upstream weights stays short
iw, ib = torch.randn(8, generator=gl), torch.randn(8, generator=gl)
loss_case("instance_norm_affine", lambda i, w, c: F.instance_norm(i, weight=w, bias=c, eps=1e-3), seq3.repeat(1, 1, 1)[:, :3], iw[:3], ib[:3])
inorm = nn.InstanceNorm2d(8, affine=True, track_running_stats=True)
with torch.no_grad():
    inorm.weight.copy_(iw)
    inorm.bias.copy_(ib)
put("inorm.input", img)
put("inorm.weight", iw)
put("inorm.bias", ib)
put("inorm.train_out", inorm(img))
put("inorm.running_mean", inorm.running_mean)
put("inorm.running_var", inorm.running_var)
inorm.eval()
put("inorm.eval_out", inorm(img[0]))
S["repr.layers2"] = "\n".join(repr(m) for m in [
    nn.MaxPool1d(3), nn.MaxPool1d(3, 2, 1, 2, ceil_mode=True), nn.AvgPool1d(3), nn.AvgPool1d(3, 2, 1, True, False),
    nn.AdaptiveAvgPool1d(5), nn.AdaptiveMaxPool2d((3, 4)), nn.AdaptiveMaxPool2d(1), nn.PixelShuffle(2), nn.PixelUnshuffle(3),
    nn.Softmin(1), nn.Dropout1d(), nn.Dropout2d(0.3), nn.Upsample(scale_factor=2.0), nn.Upsample(size=(4, 5), mode="bilinear", align_corners=True),
    nn.ZeroPad2d(2), nn.ZeroPad2d((1, 2, 3, 4)), nn.ConstantPad1d(2, 3.5), nn.ConstantPad2d((1, 2, 0, 1), -1.0),
    nn.ReflectionPad1d(2), nn.ReflectionPad2d((1, 1, 2, 0)), nn.ReplicationPad1d((3, 1)), nn.ReplicationPad2d(1),
    nn.InstanceNorm1d(3), nn.InstanceNorm2d(4, affine=True, track_running_stats=True), nn.CosineSimilarity(), nn.PairwiseDistance()])
S["keys.inorm"] = "\n".join(nn.InstanceNorm2d(4, affine=True, track_running_stats=True).state_dict().keys())
S["err.pixel_shuffle"] = err(lambda: F.pixel_shuffle(torch.ones(1, 5, 2, 2), 2))
S["err.pixel_unshuffle"] = err(lambda: F.pixel_unshuffle(torch.ones(1, 1, 5, 4), 2))
S["err.dropout1d"] = err(lambda: F.dropout1d(torch.ones(2, 2, 2, 2), 0.5))
S["err.gaussian_var_size"] = err(lambda: F.gaussian_nll_loss(mu, tg, var[:2]))
S["err.gaussian_var_negative"] = err(lambda: F.gaussian_nll_loss(mu, tg, var - 1))

# ---------------------------------------------------------------- linear, bilinear, embedding, one_hot, pad, interpolate
g = torch.Generator().manual_seed(30)
W = torch.randn(3, 4, generator=g)
bb = torch.randn(3, generator=g)
loss_case("linear2d", lambda i, w, c: F.linear(i, w, c), torch.randn(5, 4, generator=g), W, bb)
loss_case("linear3d", lambda i, w, c: F.linear(i, w, c), torch.randn(2, 5, 4, generator=g), W, bb)
loss_case("linear_nobias", lambda i, w: F.linear(i, w), torch.randn(5, 4, generator=g), W)
x2 = torch.randn(5, 3, generator=g)
loss_case("bilinear", lambda i, o, w, c: F.bilinear(i, o, w, c), torch.randn(5, 2, generator=g), x2,
          torch.randn(4, 2, 3, generator=g), torch.randn(4, generator=g))
ew = torch.randn(6, 3, generator=g)
idx = torch.tensor([[1, 2, 1], [0, 5, 3]])
loss_case("embedding_pad", lambda w, i: F.embedding(i, w, padding_idx=1), ew, idx)
loss_case("embedding", lambda w, i: F.embedding(i, w), ew, idx)
put("onehot.in", torch.tensor([[0, 2], [1, 3]]))
put("onehot.out", F.one_hot(torch.tensor([[0, 2], [1, 3]])))
put("onehot.out6", F.one_hot(torch.tensor([[0, 2], [1, 3]]), 6))
px = torch.randn(1, 2, 3, 4, generator=g)
loss_case("pad_const", lambda i: F.pad(i, (1, 2, 0, 1), value=1.5), px)
loss_case("pad_crop", lambda i: F.pad(i, (-1, 2, 1, -1)), px)
loss_case("pad_reflect", lambda i: F.pad(i, (2, 1, 1, 2), mode="reflect"), px)
loss_case("pad_replicate", lambda i: F.pad(i, (2, 1, 1, 2), mode="replicate"), px)
loss_case("pad_circular", lambda i: F.pad(i, (2, 1, 1, 2), mode="circular"), px)
ix = torch.randn(1, 2, 3, 4, generator=g)
loss_case("interp_nearest_size", lambda i: F.interpolate(i, size=(5, 7), mode="nearest"), ix)
loss_case("interp_nearest_scale", lambda i: F.interpolate(i, scale_factor=1.5, mode="nearest"), ix)
loss_case("interp_nearest_down", lambda i: F.interpolate(i, size=(2, 3), mode="nearest"), ix)
loss_case("interp_bilinear", lambda i: F.interpolate(i, size=(5, 7), mode="bilinear", align_corners=False), ix)
loss_case("interp_bilinear_ac", lambda i: F.interpolate(i, size=(5, 7), mode="bilinear", align_corners=True), ix)
loss_case("interp_bilinear_scale", lambda i: F.interpolate(i, scale_factor=2.0, mode="bilinear"), ix)
loss_case("interp_bilinear_down", lambda i: F.interpolate(i, size=(2, 3), mode="bilinear"), ix)
loss_case("interp_linear", lambda i: F.interpolate(i, size=7, mode="linear"), torch.randn(2, 2, 4, generator=g))
# float64 input: the weights are computed in double (float32 weights are off by ~1e-7)
loss_case("interp_bilinear_f64", lambda i: F.interpolate(i, size=(5, 7), mode="bilinear", align_corners=False), ix.double())
loss_case("interp_bilinear_ac_f64", lambda i: F.interpolate(i, size=(6, 3), mode="bilinear", align_corners=True), ix.double())

# ---------------------------------------------------------------- dropout with the default generator
torch.manual_seed(5)
put("dropout.p03", F.dropout(torch.arange(1.0, 33.0).view(4, 8), 0.3))
torch.manual_seed(6)
put("dropout.module", nn.Dropout(0.5)(torch.ones(3, 7)))

# ---------------------------------------------------------------- modules: reprs, state dict, errors
torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.act = nn.ReLU()
        self.drop = nn.Dropout(0.2)
        self.fc2 = nn.Linear(256, 10)
        self.register_buffer("steps", torch.zeros(1, dtype=torch.int64))
        self.register_buffer("scratch", torch.zeros(2), persistent=False)


seq = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
S["repr.sequential"] = repr(seq)
S["repr.net"] = repr(Net())
nested = nn.Sequential(nn.Flatten(), nn.Sequential(nn.Linear(4, 3, bias=False), nn.LeakyReLU(0.2)),
                       nn.ModuleList([nn.ELU(), nn.GELU(), nn.GELU(approximate="tanh")]),
                       nn.ModuleDict({"a": nn.SiLU(), "b": nn.Sigmoid()}), nn.Tanh(), nn.Softmax(dim=1),
                       nn.LogSoftmax(dim=-1), nn.Dropout(), nn.Identity(), nn.Unflatten(1, (2, 5)),
                       nn.Embedding(10, 3, padding_idx=0), nn.Embedding(7, 2), nn.Bilinear(2, 3, 4), nn.ELU(alpha=0.5),
                       nn.Flatten(0, 2), nn.Unflatten(0, (3,)), nn.LeakyReLU(1e-05))
S["repr.nested"] = repr(nested)
S["repr.losses"] = "\n".join(repr(m) for m in [nn.CrossEntropyLoss(), nn.NLLLoss(), nn.MSELoss(), nn.L1Loss(),
                                                nn.SmoothL1Loss(), nn.HuberLoss(), nn.BCELoss(), nn.BCEWithLogitsLoss(),
                                                nn.KLDivLoss(), nn.MarginRankingLoss(), nn.HingeEmbeddingLoss(),
                                                nn.SoftMarginLoss(), nn.MultiLabelSoftMarginLoss(), nn.CosineEmbeddingLoss(),
                                                nn.TripletMarginLoss(), nn.PoissonNLLLoss(), nn.GaussianNLLLoss()])
S["repr.activations"] = "\n".join(repr(m) for m in [
    nn.Softplus(), nn.Softplus(2.0, 10.0), nn.Hardtanh(), nn.Hardtanh(-2.0, 3.5), nn.ReLU6(), nn.LogSigmoid(), nn.Mish(),
    nn.Hardswish(), nn.Hardsigmoid(), nn.SELU(), nn.CELU(), nn.CELU(0.5), nn.Softsign(), nn.Tanhshrink(),
    nn.Softshrink(), nn.Softshrink(1.0), nn.Hardshrink(), nn.Threshold(0.1, 20.0), nn.GLU(), nn.GLU(1), nn.PReLU(),
    nn.PReLU(3, 0.1)])
S["keys.prelu"] = "\n".join(nn.PReLU(3).state_dict().keys())
S["keys.nested"] = "\n".join(nested.state_dict().keys())
S["keys.nested.params"] = "\n".join(n for n, _ in nested.named_parameters())
S["keys.nested.modules"] = "\n".join(n for n, _ in nested.named_modules())
S["keys.net"] = "\n".join(Net().state_dict().keys())
S["keys.net.buffers"] = "\n".join(n for n, _ in Net().named_buffers())
S["keys.celoss"] = "\n".join(nn.CrossEntropyLoss(weight=torch.ones(3)).state_dict().keys())
lin = nn.Linear(4, 3)
S["err.strict"] = err(lambda: lin.load_state_dict({"weight": torch.zeros(3, 5), "foo": torch.zeros(1), "bar": torch.zeros(2)}))
S["err.missing"] = err(lambda: seq.load_state_dict({k: v for k, v in seq.state_dict().items() if k != "2.bias"}))
S["err.shape_nonstrict"] = err(lambda: lin.load_state_dict({"weight": torch.zeros(4, 3)}, strict=False))
r = lin.load_state_dict({"weight": torch.zeros(3, 4), "x.y": torch.zeros(1)}, strict=False)
S["nonstrict.result"] = repr(r.missing_keys) + " " + repr(r.unexpected_keys)
S["err.forward"] = err(lambda: nn.Module()(torch.ones(1)))
S["err.to_int"] = err(lambda: nn.Linear(2, 2).to(torch.int64))

# ---------------------------------------------------------------- gradient clipping
g = torch.Generator().manual_seed(40)
for norm_type in [2.0, 1.0, float("inf")]:
    ps = [torch.zeros(3, 4, requires_grad=True), torch.zeros(5, requires_grad=True)]
    grads = [torch.randn(3, 4, generator=g) * 2, torch.randn(5, generator=g)]
    for p, gr in zip(ps, grads):
        p.grad = gr.clone()
    key = {2.0: "l2", 1.0: "l1", float("inf"): "inf"}[norm_type]
    put(f"clip.{key}.g0", grads[0])
    put(f"clip.{key}.g1", grads[1])
    total = nn.utils.clip_grad_norm_(ps, 1.5, norm_type)
    put(f"clip.{key}.total", total)
    put(f"clip.{key}.c0", ps[0].grad)
    put(f"clip.{key}.c1", ps[1].grad)
ps = [torch.zeros(3, 4, requires_grad=True)]
ps[0].grad = torch.randn(3, 4, generator=g)
put("clipv.g", ps[0].grad)
nn.utils.clip_grad_value_(ps, 0.5)
put("clipv.c", ps[0].grad)

np.savez(os.path.join(OUT, "tensors.npz"), **T)
with open(os.path.join(OUT, "strings.txt"), "w") as f:
    for k, v in S.items():
        f.write(f"=== {k}\n{v}\n")


# ---------------------------------------------------------------- a safetensors file written from real torch tensors
def write_safetensors(path, tensors, metadata):
    codes = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64", torch.float16: "F16", torch.int32: "I32",
             torch.uint8: "U8", torch.bfloat16: "BF16", torch.bool: "BOOL", torch.int8: "I8", torch.int16: "I16"}
    header = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name in sorted(tensors):  # the reference writer sorts (equal alignment) by name
        t = tensors[name].detach().contiguous()
        data = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).numpy().tobytes()
        header[name] = {"dtype": codes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b_ in blobs:
            f.write(b_)


torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
write_safetensors(os.path.join(OUT, "model.safetensors"), model.state_dict(), {"format": "pt"})
xin = torch.linspace(-2, 2, 8).view(2, 4)
np.savez(os.path.join(OUT, "model_io.npz"), input=xin.numpy(), output=model(xin).detach().numpy())
mixed = {"f64": torch.arange(6, dtype=torch.float64).view(2, 3) / 7, "i64": torch.tensor([-3, 0, 2**40]),
         "f16": torch.tensor([0.5, -1.25, 65504.0], dtype=torch.float16), "i32": torch.tensor([[7], [-8]], dtype=torch.int32),
         "u8": torch.tensor([0, 255], dtype=torch.uint8), "b": torch.tensor([True, False, True]),
         "scalar": torch.tensor(3.5), "empty": torch.zeros(0, 2), "i8": torch.tensor([-128, 127], dtype=torch.int8),
         "i16": torch.tensor([-300, 300], dtype=torch.int16),
         "bf16": torch.tensor([1.5, -2.0, 3.140625, 1e30], dtype=torch.bfloat16)}
# every dtype, for tensor.api's own SafeTensors test (its tests live in tensor-simd, which has the backend)
ST_OUT = "modules/tensor-simd/src/test/resources/golden/safetensors"
os.makedirs(ST_OUT, exist_ok=True)
write_safetensors(os.path.join(ST_OUT, "mixed.safetensors"), mixed, {"who": "torch 1.13", "note": "\u00e9t\u00e9"})
print("wrote", len(T), "tensors and", len(S), "strings to", OUT)
