#!/usr/bin/python3
"""Golden fixtures for Tensor.toString(): PyTorch's repr of a table of tensors.

Run with the system Python that has torch 1.13:
    /usr/bin/python3 tools/golden/gen_print_fixtures.py
It rewrites modules/tensor-simd/src/test/resources/golden/print/print_cases.txt, read by
dev.jtorch.simd.print.PrintGoldenTest. CI never runs this script.

File format: cases separated by a blank line; one field per line, `key rest`:
    case     <name>
    dtype    <pytorch dtype name of the base tensor>
    shape    <sizes of the base tensor; empty for 0-dim>
    values   <row-major elements>   floats: shortest text that parses back to the exact value in the
                                     dtype's Java type (float32 text for float32/float16/bfloat16,
                                     float64 text for float64); nan, inf, -inf; ints as decimal; bool 0/1
    gen      <seed> <r> <d>         instead of values: element i (row-major) is
                                     ((((i+1)*2654435761 + seed*40503) mod 2^32) mod (2r+1) - r) / d,
                                     d a power of two so every value is exact in float32
    patch    <i>=<v> ...            elements replaced after gen
    view     <op> <args> ; ...      views applied in order: t | transpose a b | permute a b .. |
                                     slice dim start end step | select dim index | expand sizes.. | unsqueeze dim
    opts     key=value ...          precision, threshold (number or inf), edgeitems, linewidth,
                                     sci (true/false), profile (default/short/full)
    default  <dtype>                default floating dtype while printing (torch.set_default_dtype)
    grad     requires | add | sum   leaf with requires_grad, or the result of x + x / x.sum() of such a leaf
    returns  <op>                   the tensor is the values of torch.return_types.<op>(values, indices)
    indices  <int64 elements>       ... and these, in the tensor's final shape, are its indices
    repr     <JSON string>          PyTorch's repr(t)
"""
import json
import math
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "modules", "tensor-simd", "src", "test", "resources", "golden", "print",
                   "print_cases.txt")

DTYPES = {
    "float32": torch.float32, "float64": torch.float64, "float16": torch.float16, "bfloat16": torch.bfloat16,
    "int8": torch.int8, "uint8": torch.uint8, "int16": torch.int16, "int32": torch.int32, "int64": torch.int64,
    "bool": torch.bool,
}

CASES = []


def case(name, dtype, shape=None, values=None, gen=None, patch=None, view=None, opts=None, default=None,
         grad=None, returns=None, indices=None):
    CASES.append(dict(name=name, dtype=dtype, shape=shape, values=values, gen=gen, patch=patch, view=view,
                      opts=opts, default=default, grad=grad, returns=returns, indices=indices))


# ---------------------------------------------------------------- value sources

def gen_values(n, seed, r, d):
    out = []
    for i in range(n):
        h = ((i + 1) * 2654435761 + seed * 40503) % (1 << 32)
        out.append((h % (2 * r + 1) - r) / d)
    return out


def rand(shape, seed, dtype="float32", scale=1.0):
    g = torch.Generator().manual_seed(seed)
    t = torch.randn(shape, generator=g, dtype=torch.float64) * scale
    return t.to(DTYPES[dtype]).double().reshape(-1).tolist()


def float_text(v, dtype):
    """Shortest text that parses back exactly in the dtype's Java type (float or double)."""
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if dtype == "float64":
        s = repr(float(v))
        assert float(s) == v
        return s
    s = str(np.float32(v))
    assert np.float32(s).tobytes() == np.float32(v).tobytes(), (v, s)
    assert float(np.float32(v)) == v or v != v, (v, "not exact in float32")
    return s


# ---------------------------------------------------------------- building the tensor in PyTorch

def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def base_values(c):
    shape = c["shape"] or []
    if c["gen"] is not None:
        vals = gen_values(numel(shape), *c["gen"])
    else:
        vals = list(c["values"])
    for i, v in (c["patch"] or {}).items():
        vals[i] = v
    assert len(vals) == numel(shape), (c["name"], len(vals), shape)
    return vals


def build(c):
    dt = DTYPES[c["dtype"]]
    vals = base_values(c)
    if dt.is_floating_point:
        t = torch.tensor(vals, dtype=torch.float64).to(dt)
        # every value must be exact in its dtype, so that Java rebuilds the same bits
        back = t.double().tolist()
        for a, b in zip(vals, back):
            assert (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b)), \
                (c["name"], a, b)
    else:
        t = torch.tensor([int(v) for v in vals], dtype=torch.int64).to(dt)
        assert t.long().tolist() == [int(v) for v in vals], c["name"]
    t = t.reshape(c["shape"] or [])
    if c["grad"] is not None:
        t.requires_grad_(True)
    for op in c["view"] or []:
        name, args = op[0], op[1:]
        if name == "t":
            t = t.t()
        elif name == "transpose":
            t = t.transpose(*args)
        elif name == "permute":
            t = t.permute(*args)
        elif name == "slice":
            d, s, e, st = args
            idx = [slice(None)] * t.dim()
            idx[d] = slice(s, e, st)
            t = t[tuple(idx)]
        elif name == "select":
            t = t.select(*args)
        elif name == "expand":
            t = t.expand(*args)
        elif name == "unsqueeze":
            t = t.unsqueeze(*args)
        else:
            raise ValueError(name)
    if c["grad"] == "add":
        t = t + t
    elif c["grad"] == "sum":
        t = t.sum()
    return t


def py_repr(c):
    torch.set_printoptions(profile="default")
    torch.set_default_dtype(torch.float32)
    try:
        opts = dict(c["opts"] or {})
        if "sci" in opts:
            opts["sci_mode"] = opts.pop("sci")
        if opts:
            torch.set_printoptions(**opts)
        if c["default"]:
            torch.set_default_dtype(DTYPES[c["default"]])
        t = build(c)
        if c["returns"]:
            idx = torch.tensor(c["indices"], dtype=torch.int64).reshape(t.shape)
            return repr(getattr(torch.return_types, c["returns"])((t, idx)))
        return repr(t)
    finally:
        torch.set_printoptions(profile="default")
        torch.set_default_dtype(torch.float32)


def serialise(c):
    lines = ["case " + c["name"], "dtype " + c["dtype"], "shape " + " ".join(str(s) for s in (c["shape"] or []))]
    floating = DTYPES[c["dtype"]].is_floating_point
    text_dtype = "float64" if c["dtype"] == "float64" else "float32"

    def text(v):
        if floating:
            return float_text(v, text_dtype)
        return str(int(v))

    if c["gen"] is not None:
        lines.append("gen " + " ".join(str(x) for x in c["gen"]))
        if c["patch"]:
            lines.append("patch " + " ".join("%d=%s" % (i, text(v)) for i, v in sorted(c["patch"].items())))
    else:
        lines.append("values " + " ".join(text(v) for v in base_values(c)))
    if c["view"]:
        lines.append("view " + " ; ".join(" ".join(str(x) for x in op) for op in c["view"]))
    if c["opts"]:
        lines.append("opts " + " ".join("%s=%s" % (k, str(v).lower()) for k, v in c["opts"].items()))
    if c["default"]:
        lines.append("default " + c["default"])
    if c["grad"]:
        lines.append("grad " + c["grad"])
    if c["returns"]:
        lines.append("returns " + c["returns"])
        lines.append("indices " + " ".join(str(i) for i in c["indices"]))
    lines.append("repr " + json.dumps(py_repr(c)))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the cases

NAN, INF = math.nan, math.inf

# 0-dim
case("scalar_float", "float32", [], [3.5])
case("scalar_int_valued_float", "float32", [], [5.0])
case("scalar_negative_zero", "float32", [], [-0.0])
case("scalar_nan", "float32", [], [NAN])
case("scalar_neg_inf", "float32", [], [-INF])
case("scalar_tiny", "float32", [], [1.5e-05])
case("scalar_huge", "float32", [], [123456789.0])
case("scalar_float64", "float64", [], [2.5])
case("scalar_int64", "int64", [], [3])
case("scalar_int8", "int8", [], [-7])
case("scalar_bool", "bool", [], [1])
case("scalar_requires_grad", "float32", [], [1.0], grad="requires")

# 1-D floats: the three modes and their borders
case("vec_fixed", "float32", [5], rand([5], 1))
case("vec_int_mode", "float32", [4], [1.0, -2.0, 30.0, 0.0])
case("vec_int_mode_sci_ratio", "float32", [3], [1.0, 2000.0, 3.0])
case("vec_int_mode_sci_big", "float32", [2], [2e8, 3e8])
case("vec_int_mode_big_no_sci", "float32", [2], [99999999.0, 100000000.0])
case("vec_sci_small", "float32", [3], [1e-05, 2e-05, 3e-05])
case("vec_sci_ratio", "float32", [3], [0.001, 1.5, 10.0])
case("vec_ratio_just_below", "float32", [2], [0.5, 400.0])
case("vec_min_1e-4_border", "float64", [2], [0.0001, 0.5])
case("vec_below_1e-4", "float64", [2], [0.0000999, 0.5])
case("vec_nan_inf", "float32", [6], [NAN, INF, -INF, 1.5, -2.25, 0.0])
case("vec_nan_inf_int_mode", "float32", [5], [NAN, INF, -INF, 1.0, 0.0])
case("vec_nan_inf_sci", "float32", [5], [NAN, INF, -INF, 1e-07, 1.0])
case("vec_only_nonfinite", "float32", [3], [NAN, INF, -INF])
case("vec_all_zero", "float32", [3], [0.0, 0.0, 0.0])
case("vec_negative_zero_fixed", "float32", [3], [-0.0, 1.5, 2.0])
case("vec_negative_zero_int", "float32", [2], [-0.0, 1.0])
case("vec_negative_zero_sci", "float32", [3], [-0.0, 1e-06, 1.0])
case("vec_negatives", "float32", [4], [-1.5, -0.25, 3.75, -100.125])
case("vec_rounds_negative_to_zero", "float64", [3], [-0.00004, 0.5, 1.0], opts={"sci": False})
case("vec_round_half_even", "float64", [5], [0.125, 0.375, 2.5, 1.00005, 0.00015], opts={"precision": 2})
case("vec_round_half_even_p0", "float64", [5], [0.5, 1.5, 2.5, 3.25, -0.5], opts={"precision": 0})
case("vec_round_carry", "float64", [3], [9.99996, 0.99999, 99.99995])
case("vec_sci_carry", "float64", [3], [9.99996e-07, 9.99994e-07, 1.0])
case("vec_float64_long", "float64", [4], [0.1, 1.0 / 3.0, 2.0 / 3.0, 12345.678901])
case("vec_float64_precision8", "float64", [3], [math.pi, math.e, -math.sqrt(2)], opts={"precision": 8})
case("vec_huge_exponents", "float64", [3], [1e-300, 1e300, 1.0])
case("vec_float32_extremes", "float32", [4], [3.4e38, 1e-45, -1.17549435e-38, 1.0])
case("vec_sci_precision0", "float32", [2], [1.5e-05, 2.5], opts={"precision": 0})

# 1-D other dtypes
case("vec_int64", "int64", [5], [0, -12, 345, 6, -7890123456789])
case("vec_int64_extremes", "int64", [2], [-9223372036854775808, 9223372036854775807])
case("vec_int32", "int32", [4], [1, -2, 3, 40000])
case("vec_int16", "int16", [3], [-32768, 0, 32767])
case("vec_int8", "int8", [3], [-128, 5, 127])
case("vec_uint8", "uint8", [3], [0, 128, 255])
case("vec_bool", "bool", [4], [1, 0, 0, 1])
case("vec_float16", "float16", [4], [1.0, 0.333251953125, 65504.0, -2.5])
case("vec_float16_sci", "float16", [3], [6.103515625e-05, 1.0, 5.960464477539063e-08])
case("vec_float16_nan", "float16", [3], [NAN, -INF, 0.5])
case("vec_bfloat16", "bfloat16", [4], [1.0, 0.333984375, 3.3895313892515355e+38, -2.5])
case("vec_bfloat16_int", "bfloat16", [3], [1.0, 256.0, -3.0])

# 1-D line wrapping
case("vec_wrap_50", "float32", [50], rand([50], 2))
case("vec_wrap_int_100", "int64", [100], gen=(3, 1000, 1))
case("vec_wrap_bool_40", "bool", [40], [int(v != 0) for v in gen_values(40, 4, 1, 1)])
case("vec_wrap_linewidth_40", "float32", [20], rand([20], 5), opts={"linewidth": 40})
case("vec_wrap_linewidth_tiny", "float32", [5], rand([5], 6), opts={"linewidth": 5})

# multi-dim
case("mat_2x3", "float32", [2, 3], rand([2, 3], 7))
case("mat_int", "int64", [3, 4], list(range(-5, 7)))
case("mat_1x1", "float32", [1, 1], [2.0])
case("mat_bool", "bool", [2, 2], [1, 0, 0, 1])
case("mat_wide_wrap", "float32", [3, 25], rand([3, 25], 8))
case("mat_wide_wrap_sci", "float64", [2, 12], rand([2, 12], 9, "float64", 1e-5))
case("cube_2x3x4", "float32", [2, 3, 4], rand([2, 3, 4], 10))
case("cube_int", "int32", [2, 2, 2], list(range(8)))
case("hyper_2x2x2x3", "float32", [2, 2, 2, 3], rand([2, 2, 2, 3], 11))
case("hyper_1x2x1x2", "int64", [1, 2, 1, 2], [1, 2, 3, 4])
case("dim5", "float32", [2, 1, 2, 1, 2], rand([8], 12))
case("mat_ones_column", "float32", [3, 1], [1.0, 2.0, 3.0])

# empty
case("empty_1d", "float32", [0], [])
case("empty_0x3", "float32", [0, 3], [])
case("empty_2x0x3", "float32", [2, 0, 3], [])
case("empty_int64", "int64", [0], [])
case("empty_bool_2d", "bool", [3, 0], [])
case("empty_float64", "float64", [0], [])
case("empty_float64_2d", "float64", [0, 2], [])
case("empty_requires_grad", "float32", [0], [], grad="requires")

# large: summarised
case("large_1001", "float32", [1001], gen=(21, 100000, 4096))
case("large_1001_int", "int64", [1001], gen=(22, 1000000, 1))
case("large_2000x3", "float32", [2000, 3], gen=(23, 5000, 64))
case("large_30x40x5", "float32", [30, 40, 5], gen=(24, 200000, 65536))
case("large_30x40x5_fixed", "float32", [30, 40, 5], gen=(33, 500, 64))
case("large_sci_edges", "float32", [2000], gen=(25, 1000, 1024), patch={0: 1e-07, 1999: 12345678.0, 1000: 1e30})
case("large_nan_edges", "float32", [1500], gen=(26, 100, 16), patch={1: NAN, 1498: -INF})
case("large_int_mode", "float32", [1200], gen=(27, 50, 1))
case("large_bool", "bool", [40, 30], [int(v > 0) for v in gen_values(1200, 28, 1, 1)])
case("large_middle_values_hidden", "float32", [1100], gen=(29, 10, 1), patch={500: 1e-09, 600: 1e20})
case("large_float64_4d", "float64", [10, 10, 4, 3], gen=(30, 99999, 1024))
case("large_exactly_threshold", "float32", [1000], gen=(31, 100, 8))
case("large_edge_rows_narrow", "int64", [1001, 1], gen=(32, 9, 1), patch={500: 123456789})

# non-contiguous views
case("view_transpose", "float32", [3, 4], rand([3, 4], 40), view=[("t",)])
case("view_transpose_int", "int64", [2, 5], list(range(10)), view=[("t",)])
case("view_permute", "float32", [2, 3, 4], rand([2, 3, 4], 41), view=[("permute", 2, 0, 1)])
case("view_transpose_3d", "int32", [2, 3, 4], list(range(24)), view=[("transpose", 0, 2)])
case("view_slice_step", "float32", [10], rand([10], 42), view=[("slice", 0, 1, 9, 3)])
case("view_slice_2d", "float32", [4, 6], rand([4, 6], 43), view=[("slice", 1, 1, 5, 2), ("slice", 0, 2, 4, 1)])
case("view_select", "float32", [3, 4], rand([3, 4], 44), view=[("select", 1, 2)])
case("view_select_to_scalar", "float64", [2, 2], [1.25, 2.5, 3.75, 5.0], view=[("select", 0, 1), ("select", 0, 0)])
case("view_expand", "float32", [3], [1.5, -2.0, 3.0], view=[("unsqueeze", 0), ("expand", 4, 3)])
case("view_expand_large", "int64", [1, 3], [7, 8, 9], view=[("expand", 2000, 3)])
case("view_transpose_large", "float32", [3, 2000], gen=(45, 3000, 256), view=[("t",)])
case("view_slice_hides_sci_values", "float32", [6], [1e-09, 1.5, 2.5, 3.5, 4.5, 1e12], view=[("slice", 0, 1, 5, 1)])
case("view_unsqueeze_scalar", "float32", [], [4.0], view=[("unsqueeze", 0)])

# print options
case("opt_precision2", "float32", [2, 3], rand([2, 3], 50), opts={"precision": 2})
case("opt_precision10_float32", "float32", [3], rand([3], 51), opts={"precision": 10})
case("opt_threshold5", "int64", [10], list(range(10)), opts={"threshold": 5})
case("opt_threshold5_edge2", "float32", [6, 7], rand([6, 7], 52), opts={"threshold": 5, "edgeitems": 2})
case("opt_threshold_edge1_3d", "int64", [4, 5, 6], list(range(120)), opts={"threshold": 10, "edgeitems": 1})
case("opt_edgeitems0_1d", "int64", [10], list(range(10)), opts={"threshold": 5, "edgeitems": 0})
case("opt_edgeitems_big", "int64", [12], list(range(12)), opts={"threshold": 5, "edgeitems": 10})
case("opt_linewidth120", "float32", [40], rand([40], 53), opts={"linewidth": 120})
case("opt_sci_true", "float32", [3], [1.0, 2.5, -3.0], opts={"sci": True})
case("opt_sci_true_fixed_width", "float32", [3], [0.5, 2.5, -3.25], opts={"sci": True})
case("opt_sci_true_all_zero", "float32", [2], [0.0, -0.0], opts={"sci": True})
case("opt_sci_false_tiny", "float32", [3], [1e-06, 2.5e-05, 1.0], opts={"sci": False})
case("opt_sci_false_huge_int", "float32", [2], [1e10, 3.0], opts={"sci": False})
case("opt_profile_short", "float32", [2, 3], rand([2, 3], 54), opts={"profile": "short"})
case("opt_profile_short_large", "int64", [100], list(range(100)), opts={"profile": "short", "threshold": 50})
case("opt_profile_full", "int64", [1001], gen=(55, 9, 1), opts={"profile": "full"})
case("opt_threshold_inf", "float32", [1002], gen=(56, 8, 4), opts={"threshold": INF})
case("opt_short_linewidth_suffix", "float64", [6], rand([6], 57, "float64"), opts={"linewidth": 40})

# suffixes
case("suffix_dtype_float64", "float64", [2, 2], rand([4], 60, "float64"))
case("suffix_requires_grad", "float32", [2, 2], rand([4], 61), grad="requires")
case("suffix_requires_grad_float64", "float64", [3], rand([3], 62, "float64"), grad="requires")
case("suffix_wraps_to_new_line", "float64", [7], rand([7], 63, "float64"))
case("suffix_wraps_both", "float64", [7], rand([7], 64, "float64"), grad="requires")
case("suffix_int32_multiline", "int32", [3, 10], gen=(65, 99999, 1))
case("default_float64_f64", "float64", [3], [1.5, 2.0, 3.25], default="float64")
case("default_float64_f32", "float32", [3], [1.5, 2.0, 3.25], default="float64")
case("default_float64_empty_f32", "float32", [0], [], default="float64")
case("default_float64_empty_f64", "float64", [2, 0], [], default="float64")

# grad_fn (needs kernels and the autograd engine on the Java side)
case("grad_fn_add", "float32", [3], [1.0, 2.5, -3.0], grad="add")
case("grad_fn_sum", "float32", [2, 2], [1.0, 2.0, 3.0, 4.5], grad="sum")

# torch.return_types (ValuesIndices.toString(opName))
case("returns_max", "float32", [2], [5.0, 4.0], returns="max", indices=[1, 1])
case("returns_sort_2d", "float64", [2, 2], [1.0, 5.5, 3.0, 4.0], returns="sort", indices=[0, 1, 0, 1])
case("returns_topk_requires_grad", "float32", [3], [0.5, 0.25, -1.0], returns="topk", indices=[2, 0, 1],
     grad="requires")

# printed in PyTorch tutorials (seed pages), rebuilt from the printed values
case("seed_rand_plus_one", "float32", [2, 3], [1.1226, 1.2100, 1.9319, 1.4949, 1.5176, 1.3835])
case("seed_unsqueezed", "float32", [2, 1, 3], [1.1226, 1.2100, 1.9319, 1.4949, 1.5176, 1.3835])
case("seed_uninitialised", "float32", [2, 3], [0.0, 6.8664e-44, 1.0433e+21, 1.0616e-08, 1.0606e-08, 3.4166e+21])
case("seed_int32_zeros", "int32", [2], [0, 0])
case("seed_int8_scalar", "int8", [], [1])
case("seed_cat_rows", "float32", [4, 4], [-1.2870, -0.7040, 0.3016, -0.2970, -0.8151, -0.5236, -1.7680, 0.7675,
                                          -1.4207, -0.2694, 0.2521, -0.7187, 0.8776, -0.0352, -0.5094, 0.0602])
case("seed_cat_columns", "float32", [2, 7], [1.1418, 0.0774, 0.2047, 1.4149, -1.9538, 0.1660, 1.1142,
                                             -0.0673, -1.5794, 0.0131, -1.6455, 0.5595, -0.1162, 0.8628])
case("seed_rand_5x5", "float32", [3, 5], [0.7966, 0.6401, 0.1673, 0.4988, 0.3223, 0.8881, 0.4756, 0.4391,
                                          0.8762, 0.5714, 0.9581, 0.3330, 0.0885, 0.5103, 0.7473])
case("seed_sum_scalar_grad", "float32", [], [24.0248], grad="requires")
case("seed_vector", "float32", [3], [-0.1485, 1.8445, 1.4257])


def exact(c):
    """Decimal text such as 1e-07 or the seed values: round it to the dtype first so that it is exact."""
    if c["dtype"] not in ("float32", "float16", "bfloat16"):
        return c
    dt = DTYPES[c["dtype"]]

    def rounded(vals):
        return torch.tensor(vals, dtype=torch.float64).to(dt).double().tolist()

    if c["values"] is not None:
        c["values"] = rounded(c["values"])
    if c["patch"]:
        keys = sorted(c["patch"])
        c["patch"] = dict(zip(keys, rounded([c["patch"][k] for k in keys])))
    return c


def main():
    names = set()
    text = []
    for c in CASES:
        assert c["name"] not in names, c["name"]
        names.add(c["name"])
        text.append(serialise(exact(c)))
    body = "# generated by tools/golden/gen_print_fixtures.py with torch %s; do not edit\n\n" % torch.__version__
    body += "\n".join(text)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(body)
    print("%d cases, %d bytes -> %s" % (len(CASES), len(body), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
