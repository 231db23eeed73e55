#!/usr/bin/python3
"""Runs the tensor snippets of the seed tutorials in real PyTorch and records what they print.

Random inputs of the tutorials are replaced by the values the tutorials printed, so that the Java
twin of each snippet (SeedSnippetsTest) can rebuild the same tensors. Run from the repository root:
    /usr/bin/python3 tools/golden/gen_seed_fixtures.py
Writes modules/tensor-simd/src/test/resources/golden/seeds/tensor_snippets.txt (committed; CI has no Python).
"""
import contextlib
import io
import os

import numpy as np
import torch

OUT = "modules/tensor-simd/src/test/resources/golden/seeds/tensor_snippets.txt"
snippets = {}


def snippet(fn):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        fn()
    snippets[fn.__name__] = buf.getvalue()
    return fn


@snippet
def creation_with_dtypes():
    a = torch.tensor(1.0, dtype=torch.float)
    b = torch.tensor(1, dtype=torch.long)
    c = torch.tensor(1.0, dtype=torch.int8)
    print(a, b, c)


@snippet
def typed_constructors():
    e = torch.zeros(2, dtype=torch.int32)  # torch.IntTensor(2): uninitialised in PyTorch, zeros in the tutorial
    f = torch.tensor([1, 2, 3, 4], dtype=torch.int32)  # torch.IntTensor([1, 2, 3, 4])
    print(e, '\n', f)


@snippet
def numpy_interop():
    g = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int32)
    h = torch.tensor(g)
    print(h)
    i = torch.from_numpy(g)
    print(i)
    np_data = np.arange(6).reshape((2, 3))
    torch_data = torch.from_numpy(np_data)
    print('\ntorch', torch_data)


K = [[0.1226, 0.2100, 0.9319], [0.4949, 0.5176, 0.3835]]  # the tutorial's torch.rand(2, 3)


@snippet
def common_constructors():
    k = torch.tensor(K)
    l = torch.ones(2, 3)
    m = torch.zeros(2, 3)
    n = torch.arange(0, 10, 2)
    print(k, '\n', l, '\n', m, '\n', n)


@snippet
def shape_and_size():
    k = torch.tensor(K)
    print(k.shape)
    print(k.size())


@snippet
def add_scalar():
    o = torch.add(torch.tensor(K), 1)
    print(o)


@snippet
def index_row_and_column():
    o = torch.add(torch.tensor(K), 1)
    print(f'column 2: {o[:,1]}')
    print(f'row 1: {o[0,:]}')


@snippet
def view_reshape():
    o = torch.add(torch.tensor(K), 1)
    print(o.view((3, 2)))
    print(o.view((-1, 2)))


@snippet
def broadcasting():
    p = torch.arange(1, 3).view(1, 2)
    print(p)
    q = torch.arange(1, 4).view(3, 1)
    print(q)
    print(p + q)


@snippet
def squeeze_unsqueeze():
    o = torch.add(torch.tensor(K), 1)
    print(o)
    r = o.unsqueeze(1)
    print(r)
    print(r.shape)
    s = r.squeeze(0)
    print(s)
    print(s.shape)
    t = r.squeeze(1)
    print(t)
    print(t.shape)


@snippet
def abs_sin_mean_mm():
    tensor = torch.FloatTensor([-1, -2, 1, 2])
    print('\nabs', '\ntorch:', torch.abs(tensor))
    print('\nsin', '\ntorch:', torch.sin(tensor))
    print('\nmean', '\ntorch:', torch.mean(tensor))
    tensor_t = torch.FloatTensor([[1, 2], [3, 4]])
    print('\nmatmul', '\ntorch:', torch.mm(tensor_t, tensor_t))
    print(torch.matmul(tensor_t, tensor_t))


@snippet
def float64_from_numpy():
    data = np.arange(12).reshape(3, 4).astype('float')
    torch_data = torch.from_numpy(data)
    print(torch_data[0])
    print(torch_data.size())


@snippet
def expand():
    x = torch.Tensor([[1, 2, 3]])
    print(x.expand(3, -1))
    batch_size = 2
    a = torch.Tensor([1, 2, 3])
    a = a.expand([batch_size, a.size()[0]])
    w1 = torch.Tensor([1, 2, 3])
    print(a * w1)


CAT_X = [[-1.2870, -0.7040, 0.3016, -0.2970], [-0.8151, -0.5236, -1.7680, 0.7675]]
CAT_Y = [[-1.4207, -0.2694, 0.2521, -0.7187], [0.8776, -0.0352, -0.5094, 0.0602]]
CAT_X3 = [[-0.1966, -0.9648, 1.2787, -1.4578], [-1.2216, 0.1663, 0.5380, -0.0376], [-1.7365, -0.4151, -1.0336, -0.6732]]
CAT_Y2 = [[1.4477, 0.3616, -0.1504, 0.4662], [-1.1334, 1.3100, 0.1624, 0.8206]]
CAT_X1 = [[1.1418, 0.0774, 0.2047], [-0.0673, -1.5794, 0.0131]]
CAT_Y1 = [[1.4149, -1.9538, 0.1660, 1.1142], [-1.6455, 0.5595, -0.1162, 0.8628]]


@snippet
def cat():
    x, y = torch.tensor(CAT_X), torch.tensor(CAT_Y)
    print(f'z={torch.cat((x, y), 0)}')
    print(f'z={torch.cat((x, y, x, y), 0)}')
    print(f'z={torch.cat((torch.tensor(CAT_X3), torch.tensor(CAT_Y2)), 0)}')
    print(f'z_1=\n{torch.cat((torch.tensor(CAT_X1), torch.tensor(CAT_Y1)), 1)}')


REP_X3 = [[[-0.0294, 1.2902, 0.9825], [-0.3032, 1.6733, 0.9163], [0.3079, -0.0159, 0.2626], [-0.2934, -0.6076, 0.1593]],
          [[1.7661, -1.0698, 0.4074], [-0.3660, -0.3219, 0.3732], [-1.3314, -0.8263, -1.0793], [1.2589, 0.1886, 0.5453]],
          [[0.2520, -0.5695, -0.6685], [0.5554, 0.0119, -0.5650], [0.9733, -0.3812, 0.1963], [-1.1284, 0.2561, 0.4507]]]


@snippet
def repeat():
    x = torch.tensor([-0.1485, 1.8445, 1.4257])
    print(f'x_1={x.repeat(2)}')
    print(f'x_1={torch.tensor(REP_X3).repeat(1, 1, 2)}')
    print(f'x_1={torch.tensor([[-0.2581, -0.8387]]).repeat(3, 1, 1)}')


@snippet
def ones_like_zeros_like():
    x = torch.tensor([[-0.8550, -1.1273]])
    print(f'y={torch.ones_like(x)}')
    print(f'y={torch.zeros_like(x)}')


MAX_X = [[-0.2816, -0.4243, 0.9465, 0.1041], [0.5618, -1.4577, -0.2811, 1.6255], [-0.9093, -1.6243, -0.5805, -0.3621]]
MAX_A = [[-0.0504, 1.5075, 0.7595, -0.1954], [0.1285, -1.3820, 0.8436, 0.2701], [0.2804, 0.9583, -0.1772, 1.0917]]
MAX_B = [[-1.1441, 1.7095, 0.2986, -1.3146], [0.8251, -0.4364, 1.0754, 0.2895], [0.3503, -0.7810, -1.4669, 0.9201]]
MAX_P = [[[0.2531, 0.1651], [-0.4608, -1.2071], [0.9032, -0.8951]], [[0.2045, 0.5828], [0.6315, 1.5716], [-0.5640, -1.8911]]]
MAX_Q = [[[-0.1512, 1.3686], [0.4760, -1.3106], [0.2326, 0.4541]], [[0.3184, -0.6637], [-1.3316, -1.0620], [-0.2468, -0.2879]]]


@snippet
def max_with_dim_and_indices():
    x = torch.tensor([[1.7854, -0.5585, -0.5001, 0.4208]])
    x_row, pos = torch.max(x, dim=1)
    print(f'x_max={torch.max(x)}')
    print(f'x_ans={x_row}')
    print(f'max_pos={pos}')
    x = torch.tensor(MAX_X)
    x_row, pos = torch.max(x, dim=1)
    print(f'x_max={torch.max(x)}')
    print(f'x_ans={x_row}')
    print(f'max_pos={pos}')
    print(f'x_y={torch.max(torch.tensor(MAX_A), torch.tensor(MAX_B))}')
    x_y = torch.max(torch.tensor(MAX_P), torch.tensor(MAX_Q))
    print(f'x_y={x_y}')
    print(f'x_y_ans={x_y.max(2)[0]}')
    print(torch.max(x, dim=1))


CHUNK_X = [[-1.4278, -0.3466, 1.1817], [0.7366, 1.3741, 1.4865], [-0.3405, -0.6658, 1.0279], [-0.7094, -0.1081, 1.9509],
           [-0.4722, -0.6317, -1.4544]]


@snippet
def chunk():
    x_1, x_2 = torch.tensor(CHUNK_X).chunk(2, 1)
    print(f'x_1={x_1}')
    print(f'x_2={x_2}')


os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as fh:
    fh.write("# generated by tools/golden/gen_seed_fixtures.py from PyTorch %s; do not edit\n" % torch.__version__)
    for name, text in snippets.items():
        fh.write("=== %s\n%s" % (name, text))
print("wrote %d snippets to %s" % (len(snippets), OUT))
