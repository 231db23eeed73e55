"""Golden forward outputs and gradients for conv/pool/norm layers (torch 1.13).

Writes modules/nn/src/test/resources/golden/conv/<case>.npz with the inputs (x, w, b), the
upstream gradient gy, PyTorch's output y and gradients gx, gw, gb, and the case's integer
arguments, so the Java test reads every configuration from the archive itself.
Run: /usr/bin/python3 tools/golden/gen_conv_fixtures.py
"""
import os
import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), '../../modules/nn/src/test/resources/golden/conv')
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(1234)


def arr(v):
    return np.array(v if isinstance(v, (list, tuple)) else [v], dtype=np.int64)


def save(name, tensors, **args):
    d = {k: v.detach().numpy() for k, v in tensors.items() if v is not None}
    for k, v in args.items():
        d[k] = arr(v)
    np.savez(os.path.join(OUT, name + '.npz'), **d)


def run(name, f, x, w=None, b=None, **args):
    x = x.clone().requires_grad_()
    w = None if w is None else w.clone().requires_grad_()
    b = None if b is None else b.clone().requires_grad_()
    y = f(x, w, b)
    gy = torch.randn_like(y)
    y.backward(gy)
    save(name, dict(x=x, w=w, b=b, gy=gy, y=y, gx=x.grad, gw=None if w is None else w.grad,
                    gb=None if b is None else b.grad), **args)


PAD_CODES = {'same': -1, 'valid': -2}

# ---- conv2d: stride, padding (ints or 'same'/'valid'), dilation, groups
for name, xs, ws, bias, stride, padding, dilation, groups in [
    ('conv2d_basic', (2, 3, 7, 6), (4, 3, 3, 3), True, 1, 0, 1, 1),
    ('conv2d_stride2_pad1', (2, 3, 8, 7), (5, 3, 3, 3), True, 2, 1, 1, 1),
    ('conv2d_mixed', (2, 2, 9, 8), (3, 2, 3, 2), False, (2, 1), (1, 2), (2, 1), 1),
    ('conv2d_groups2', (2, 4, 6, 6), (6, 2, 3, 3), True, 1, 1, 1, 2),
    ('conv2d_depthwise', (1, 3, 5, 5), (3, 1, 3, 3), False, 1, 0, 1, 3),
    ('conv2d_same_even', (2, 2, 6, 5), (3, 2, 4, 3), True, 1, 'same', 1, 1),
    ('conv2d_same_dilated', (1, 2, 7, 7), (2, 2, 3, 3), True, 1, 'same', 2, 1),
    ('conv2d_valid', (1, 1, 5, 5), (2, 1, 2, 2), True, 1, 'valid', 1, 1),
    ('conv2d_unbatched', (3, 6, 6), (2, 3, 3, 3), True, 1, 1, 1, 1),
]:
    x, w = torch.randn(xs), torch.randn(ws)
    b = torch.randn(ws[0]) if bias else None
    run(name, lambda x, w, b: F.conv2d(x, w, b, stride, padding, dilation, groups), x, w, b,
        stride=stride, padding=PAD_CODES.get(padding, padding), dilation=dilation, groups=groups)

# ---- conv1d
for name, xs, ws, stride, padding, dilation, groups in [
    ('conv1d_basic', (2, 3, 10), (4, 3, 3), 1, 0, 1, 1),
    ('conv1d_stride2_pad1', (2, 2, 9), (4, 1, 3), 2, 1, 1, 2),
    ('conv1d_same', (1, 2, 8), (3, 2, 4), 1, 'same', 2, 1),
]:
    x, w, b = torch.randn(xs), torch.randn(ws), torch.randn(ws[0])
    run(name, lambda x, w, b: F.conv1d(x, w, b, stride, padding, dilation, groups), x, w, b,
        stride=stride, padding=PAD_CODES.get(padding, padding), dilation=dilation, groups=groups)

# ---- conv_transpose2d (argument order as PyTorch: stride, padding, output_padding, groups, dilation)
for name, xs, ws, stride, padding, out_pad, groups, dilation in [
    ('convt_basic', (2, 3, 4, 5), (3, 2, 3, 3), 1, 0, 0, 1, 1),
    ('convt_stride2', (2, 2, 4, 4), (2, 3, 3, 3), 2, 1, 1, 1, 1),
    ('convt_groups_dilated', (1, 4, 3, 4), (4, 1, 2, 3), (2, 1), (0, 1), (1, 0), 2, (1, 2)),
]:
    x, w, b = torch.randn(xs), torch.randn(ws), torch.randn(ws[1] * groups)
    run(name, lambda x, w, b: F.conv_transpose2d(x, w, b, stride, padding, out_pad, groups, dilation), x, w, b,
        stride=stride, padding=padding, output_padding=out_pad, groups=groups, dilation=dilation)

# ---- max_pool2d (indices saved as 'idx')
for name, xs, k, s, p, d, ceil in [
    ('maxpool_k2', (2, 3, 6, 6), 2, 2, 0, 1, False),
    ('maxpool_k3s2p1', (2, 2, 7, 8), 3, 2, 1, 1, False),
    ('maxpool_ceil', (1, 2, 7, 7), 3, 2, 0, 1, True),
    ('maxpool_ceil_pad', (1, 2, 6, 9), (3, 2), (2, 2), (1, 1), 1, True),
    ('maxpool_dilated', (1, 2, 9, 9), 3, 1, 1, 2, False),
    ('maxpool_unbatched', (2, 5, 5), 2, 1, 0, 1, False),
]:
    x = torch.randn(xs)
    y, idx = F.max_pool2d(x, k, s, p, d, ceil, return_indices=True)
    run(name, lambda x, w, b: F.max_pool2d(x, k, s, p, d, ceil), x, kernel=k, stride=s, padding=p, dilation=d, ceil=int(ceil))
    z = dict(np.load(os.path.join(OUT, name + '.npz')))
    z['idx'] = idx.numpy()
    np.savez(os.path.join(OUT, name + '.npz'), **z)

# ---- avg_pool2d (divisor -1 = None)
for name, xs, k, s, p, ceil, cip, div in [
    ('avgpool_k2', (2, 3, 6, 6), 2, 2, 0, False, True, None),
    ('avgpool_k3s2p1_incl', (2, 2, 7, 8), 3, 2, 1, False, True, None),
    ('avgpool_k3s2p1_excl', (2, 2, 7, 8), 3, 2, 1, False, False, None),
    ('avgpool_ceil_incl', (1, 2, 6, 9), (3, 2), 2, 1, True, True, None),
    ('avgpool_ceil_excl', (1, 2, 6, 9), (3, 2), 2, 1, True, False, None),
    ('avgpool_divisor', (1, 1, 5, 5), 2, 1, 0, False, True, 3),
]:
    x = torch.randn(xs)
    run(name, lambda x, w, b: F.avg_pool2d(x, k, s, p, ceil, cip, div), x,
        kernel=k, stride=s, padding=p, ceil=int(ceil), cip=int(cip), divisor=-1 if div is None else div)

# ---- adaptive_avg_pool2d
for name, xs, out in [
    ('adaptive_divisible', (2, 3, 8, 6), (4, 3)),
    ('adaptive_uneven', (2, 2, 7, 5), (3, 2)),
    ('adaptive_grow', (1, 2, 3, 3), (5, 4)),
]:
    run(name, lambda x, w, b: F.adaptive_avg_pool2d(x, out), torch.randn(xs), output_size=out)

# ---- batch_norm in training (running stats updated) and in eval
for name, xs, training in [('batchnorm2d_train', (4, 3, 5, 5), True), ('batchnorm2d_eval', (4, 3, 5, 5), False),
                           ('batchnorm1d_train', (8, 4), True), ('batchnorm1d_3d_train', (3, 4, 6), True)]:
    c = xs[1]
    rm, rv = torch.randn(c), torch.rand(c) + 0.5
    rm0, rv0 = rm.clone(), rv.clone()
    x, w, b = torch.randn(xs) * 2 + 1, torch.randn(c), torch.randn(c)
    run(name, lambda x, w, b: F.batch_norm(x, rm, rv, w, b, training, 0.1, 1e-5), x, w, b, training=int(training))
    z = dict(np.load(os.path.join(OUT, name + '.npz')))
    z.update(rm0=rm0.numpy(), rv0=rv0.numpy(), rm=rm.numpy(), rv=rv.numpy())
    np.savez(os.path.join(OUT, name + '.npz'), **z)

# ---- layer_norm, group_norm
x = torch.randn(2, 3, 4, 5)
run('layernorm', lambda x, w, b: F.layer_norm(x, (4, 5), w, b, 1e-5), x, torch.randn(4, 5), torch.randn(4, 5), shape=(4, 5))
run('groupnorm', lambda x, w, b: F.group_norm(x, 3, w, b, 1e-5), torch.randn(2, 6, 4, 4), torch.randn(6), torch.randn(6),
    groups=3)

# ---- 3x3 stride-1 convolutions with 16+ channels on both sides (jtorch's Winograd path on the CPU); own seed so
# that the cases above keep their values
torch.manual_seed(4321)
for name, xs, ws, bias, padding in [
    ('conv2d_3x3_wide_pad1', (3, 16, 9, 8), (20, 16, 3, 3), True, 1),
    ('conv2d_3x3_wide_valid', (2, 17, 7, 10), (16, 17, 3, 3), False, 0),
    ('conv2d_3x3_wide_same', (2, 24, 6, 5), (16, 24, 3, 3), True, 'same'),
    ('conv2d_3x3_wide_pad2', (1, 16, 4, 4), (32, 16, 3, 3), True, 2),
]:
    x, w = torch.randn(xs), torch.randn(ws)
    b = torch.randn(ws[0]) if bias else None
    run(name, lambda x, w, b: F.conv2d(x, w, b, 1, padding), x, w, b,
        stride=1, padding=PAD_CODES.get(padding, padding), dilation=1, groups=1)
