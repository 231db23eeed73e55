"""Golden values for the conv/pool/norm layers (torch 1.13): default initialisation after
torch.manual_seed(0), BatchNorm running statistics over training steps then eval, and the reprs.
Writes modules/nn/src/test/resources/golden/conv_layers/*.npz and reprs.txt.
Run: /usr/bin/python3 tools/golden/gen_conv_layer_fixtures.py
"""
import os
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), '../../modules/nn/src/test/resources/golden/conv_layers')
os.makedirs(OUT, exist_ok=True)

# ---- default initialisation: layers created in this order right after manual_seed(0)
torch.manual_seed(0)
layers = [nn.Conv2d(1, 32, 3), nn.Conv2d(32, 64, 3), nn.Conv1d(4, 6, 5, bias=False), nn.ConvTranspose2d(4, 6, 3, groups=2),
          nn.Conv2d(4, 8, (3, 2), groups=4)]
init = {}
for i, layer in enumerate(layers):
    for name, p in layer.named_parameters():
        init[f'{i}.{name}'] = p.detach().numpy()
np.savez(os.path.join(OUT, 'init.npz'), **init)

# ---- BatchNorm: three training steps, then eval; gradients accumulate over all four passes
torch.manual_seed(1)
for name, make, shape in [
    ('bn2d_momentum', lambda: nn.BatchNorm2d(3), (4, 3, 5, 5)),
    ('bn2d_cumulative', lambda: nn.BatchNorm2d(3, momentum=None), (4, 3, 5, 5)),
    ('bn1d_momentum', lambda: nn.BatchNorm1d(4, eps=1e-3, momentum=0.3), (8, 4)),
    ('bn1d_no_stats', lambda: nn.BatchNorm1d(4, affine=False, track_running_stats=False), (6, 4, 3)),
]:
    bn = make()
    with torch.no_grad():
        if bn.affine:
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.5, 0.5)
    d = {}
    if bn.affine:
        d['weight0'] = bn.weight.detach().clone().numpy()
        d['bias0'] = bn.bias.detach().clone().numpy()
    for step in range(4):
        if step == 3:
            bn.eval()
        x = (torch.randn(shape) * 3 + 2).requires_grad_()
        y = bn(x)
        gy = torch.randn_like(y)
        y.backward(gy)
        d.update({f'x{step}': x.detach().numpy(), f'gy{step}': gy.numpy(), f'y{step}': y.detach().numpy(),
                  f'gx{step}': x.grad.numpy()})
        if bn.track_running_stats:
            d[f'rm{step}'] = bn.running_mean.clone().numpy()
            d[f'rv{step}'] = bn.running_var.clone().numpy()
            d[f'nbt{step}'] = np.array([bn.num_batches_tracked.item()], dtype=np.int64)
    if bn.affine:
        d['gw'] = bn.weight.grad.numpy()
        d['gb'] = bn.bias.grad.numpy()
    np.savez(os.path.join(OUT, name + '.npz'), **d)

# ---- reprs, one per line
reprs = [
    nn.Conv2d(1, 32, 3), nn.Conv2d(4, 8, (3, 2), stride=(2, 1), padding=(1, 0), dilation=2, groups=2, bias=False),
    nn.Conv2d(2, 2, 3, padding='same'), nn.Conv1d(4, 6, 5), nn.Conv1d(4, 6, 5, stride=2, padding=1, dilation=2, groups=2),
    nn.Conv1d(2, 2, 3, padding='valid', bias=False), nn.ConvTranspose2d(4, 6, 3),
    nn.ConvTranspose2d(4, 6, (3, 2), stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=1),
    nn.MaxPool2d(2), nn.MaxPool2d((3, 2), stride=(2, 1), padding=1, dilation=2, ceil_mode=True), nn.AvgPool2d(2),
    nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False), nn.AdaptiveAvgPool2d(1),
    nn.AdaptiveAvgPool2d((5, 7)), nn.AdaptiveAvgPool2d((None, 7)), nn.BatchNorm2d(3), nn.BatchNorm1d(4, eps=1e-3, momentum=None,
    affine=False, track_running_stats=False), nn.LayerNorm(10), nn.LayerNorm((4, 5), eps=1e-6, elementwise_affine=False),
    nn.GroupNorm(3, 6), nn.GroupNorm(2, 4, eps=0.001, affine=False),
]
with open(os.path.join(OUT, 'reprs.txt'), 'w') as f:
    for r in reprs:
        f.write(repr(r) + '\n')

# ---- a small CNN (the bench CNN's shape, narrower) built right after manual_seed(0), three SGD steps
torch.manual_seed(0)
cnn = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Flatten(), nn.Linear(16 * 5 * 5, 10))
g = torch.Generator().manual_seed(7)
x = torch.randn(6, 1, 28, 28, generator=g)
target = torch.randint(0, 10, (6,), generator=g)
d = {'x': x.numpy(), 'target': target.numpy()}
for name, p in cnn.named_parameters():
    d['init.' + name] = p.detach().clone().numpy()
losses = []
for step in range(3):
    loss = F.cross_entropy(cnn(x), target)
    cnn.zero_grad()
    loss.backward()
    with torch.no_grad():
        for p in cnn.parameters():
            p.add_(p.grad, alpha=-0.1)
    losses.append(loss.item())
d['losses'] = np.array(losses, dtype=np.float64)
for name, p in cnn.named_parameters():
    d['final.' + name] = p.detach().numpy()
np.savez(os.path.join(OUT, 'cnn_sgd.npz'), **d)
