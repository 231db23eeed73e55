package dev.jtorch.simd.indexing;

import dev.jtorch.DType;
import dev.jtorch.Index;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static dev.jtorch.simd.indexing.Fixtures.*;

/**
 * {@code x[...] = value} and {@code index_put_}.
 * Expected values: PyTorch 1.13's repr of the Python expression in each case's name.
 */
class SetItemTest {

    @TestFactory
    Stream<DynamicTest> setItem() {
        return Stream.of(
            c("column from a scalar  |  exec:r = y(); r[:, 1] = 9.", () -> y().set(":, 1", 9.0),
                    "tensor([[ 0.,  9.,  2.,  3.],\n        [ 4.,  9.,  6.,  7.],\n        [ 8.,  9., 10., 11.]])"),
            c("row from a tensor with a leading 1  |  exec:r = y(); r[0] = torch.tensor([[1., 2, 3, 4]])", () -> y().set("0", Torch.from(new float[]{1, 2, 3, 4}, 1, 4)),
                    "tensor([[ 1.,  2.,  3.,  4.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11.]])"),
            c("strided block from a broadcast row  |  exec:r = y(); r[1:, ::2] = F(7, 8)", () -> y().set("1:, ::2", F(7, 8)),
                    "tensor([[ 0.,  1.,  2.,  3.],\n        [ 7.,  5.,  8.,  7.],\n        [ 7.,  9.,  8., 11.]])"),
            c("ellipsis then integer  |  exec:r = y(); r[..., 0] = F(1, 2, 3)", () -> y().set("..., 0", F(1, 2, 3)),
                    "tensor([[ 1.,  1.,  2.,  3.],\n        [ 2.,  5.,  6.,  7.],\n        [ 3.,  9., 10., 11.]])"),
            c("None then integer  |  exec:r = y(); r[None, 1] = 4.", () -> y().set("None, 1", 4.0),
                    "tensor([[ 0.,  1.,  2.,  3.],\n        [ 4.,  4.,  4.,  4.],\n        [ 8.,  9., 10., 11.]])"),
            c("everything  |  exec:r = y(); r[...] = -1.", () -> y().set("...", -1.0),
                    "tensor([[-1., -1., -1., -1.],\n        [-1., -1., -1., -1.],\n        [-1., -1., -1., -1.]])"),
            c("int64 tensor from a double  |  exec:r = ai(); r[1, 1:] = 2.7", () -> ai().set("1, 1:", 2.7),
                    "tensor([[0, 1, 2],\n        [3, 2, 2]])"),
            c("bool tensor from a double  |  exec:r = torch.zeros(4, dtype=torch.bool); r[1:3] = 2.7", () -> Torch.zeros(new long[]{4}, DType.BOOL).set("1:3", 2.7),
                    "tensor([False,  True,  True, False])"),
            c("float tensor from an int64 tensor  |  exec:r = y(); r[2] = L(5, 6, 7, 8)", () -> y().set("2", L(5, 6, 7, 8)),
                    "tensor([[0., 1., 2., 3.],\n        [4., 5., 6., 7.],\n        [5., 6., 7., 8.]])"),
            c("rows from a list  |  exec:r = y(); r[[0, 2]] = -1.", () -> y().set("[0, 2]", -1.0),
                    "tensor([[-1., -1., -1., -1.],\n        [ 4.,  5.,  6.,  7.],\n        [-1., -1., -1., -1.]])"),
            c("pairs of positions  |  exec:r = y(); r[[0, 2], [1, 3]] = F(10, 20)", () -> y().set(new Object[]{new long[]{0, 2}, new long[]{1, 3}}, F(10, 20)),
                    "tensor([[ 0., 10.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 20.]])"),
            c("mask from a comparison  |  exec:r = y(); r[y() > 5] = 0.", () -> y().set(new Object[]{y().gt(5.0)}, 0.0),
                    "tensor([[0., 1., 2., 3.],\n        [4., 5., 0., 0.],\n        [0., 0., 0., 0.]])"),
            c("masked columns from a matrix  |  exec:r = y(); r[:, [True, False, True, False]] = torch.arange(1., 7.).view(3, 2)", () -> y().set(":, [True, False, True, False]", Torch.arange(1.0, 7.0, 1.0).view(3, 2)),
                    "tensor([[ 1.,  1.,  2.,  3.],\n        [ 3.,  5.,  4.,  7.],\n        [ 5.,  9.,  6., 11.]])"),
            c("rows from a column  |  exec:r = y(); r[[2, 0]] = F(-1, -2).view(2, 1)", () -> y().set("[2, 0]", F(-1, -2).view(2, 1)),
                    "tensor([[-2., -2., -2., -2.],\n        [ 4.,  5.,  6.,  7.],\n        [-1., -1., -1., -1.]])"),
            c("value with leading 1s  |  exec:r = y(); r[[1]] = F(1, 2, 3, 4).view(1, 1, 4)", () -> y().set("[1]", F(1, 2, 3, 4).view(1, 1, 4)),
                    "tensor([[ 0.,  1.,  2.,  3.],\n        [ 1.,  2.,  3.,  4.],\n        [ 8.,  9., 10., 11.]])"),
            c("int64 from a double scalar through an index  |  exec:r = ai(); r[[0, 1]] = 2.7", () -> ai().set("[0, 1]", 2.7),
                    "tensor([[2, 2, 2],\n        [2, 2, 2]])"),
            c("non-adjacent indices  |  exec:r = x(); r[[0, 1], :, [0, 3]] = L(100, 200).view(2, 1)", () -> x().set(new Object[]{new long[]{0, 1}, Index.all(), new long[]{0, 3}}, L(100, 200).view(2, 1)),
                    "tensor([[[100,   1,   2,   3],\n         [100,   5,   6,   7],\n         [100,   9,  10,  11]],\n\n        [[ 12,  13,  14, 200],\n         [ 16,  17,  18, 200],\n         [ 20,  21,  22, 200]]])"),
            c("broadcast adjacent indices  |  exec:r = x(); r[:, L(0, 2).view(2, 1), L(1, 3, 0)] = -torch.arange(12).view(2, 2, 3)", () -> x().set(new Object[]{Index.all(), L(0, 2).view(2, 1), L(1, 3, 0)}, Torch.arange(12).view(2, 2, 3).neg()),
                    "tensor([[[ -2,   0,   2,  -1],\n         [  4,   5,   6,   7],\n         [ -5,  -3,  10,  -4]],\n\n        [[ -8,  -6,  14,  -7],\n         [ 16,  17,  18,  19],\n         [-11,  -9,  22, -10]]])"),
            c("index after a slice  |  exec:r = x(); r[1:, [0, 2], 1:3] = -5", () -> x().set("1:, [0, 2], 1:3", -5.0),
                    "tensor([[[ 0,  1,  2,  3],\n         [ 4,  5,  6,  7],\n         [ 8,  9, 10, 11]],\n\n        [[12, -5, -5, 15],\n         [16, 17, 18, 19],\n         [20, -5, -5, 23]]])"),
            c("transposed target  |  exec:r = y(); r.t()[[0, 2]] = 5.", () -> Fixtures.through(y(), t -> t.t().set("[0, 2]", 5.0)),
                    "tensor([[ 5.,  1.,  5.,  3.],\n        [ 5.,  5.,  5.,  7.],\n        [ 5.,  9.,  5., 11.]])"),
            c("transposed target with a mask  |  exec:r = y(); r.t()[1:, [True, False, True]] = F(1, 2, 3).view(3, 1)", () -> Fixtures.through(y(), t -> t.t().set("1:, [True, False, True]", F(1, 2, 3).view(3, 1))),
                    "tensor([[0., 1., 2., 3.],\n        [4., 5., 6., 7.],\n        [8., 1., 2., 3.]])"),
            c("index put  |  torch.zeros(3, 4).index_put_((L(0, 2), L(1, 3)), F(5, 6))", () -> Torch.zeros(3, 4).indexPut_(new Tensor[]{L(0, 2), L(1, 3)}, F(5, 6), false),
                    "tensor([[0., 5., 0., 0.],\n        [0., 0., 0., 0.],\n        [0., 0., 0., 6.]])"),
            c("index put accumulates repeats  |  torch.zeros(5).index_put_((L(0, 0, 1),), S(1.), accumulate=True)", () -> Torch.zeros(5).indexPut_(new Tensor[]{L(0, 0, 1)}, S(1.0), true),
                    "tensor([2., 1., 0., 0., 0.])"),
            c("index put accumulates rows  |  torch.zeros(3, 4).index_put_((L(0, 0, 2),), F(1, 2, 3, 4), accumulate=True)", () -> Torch.zeros(3, 4).indexPut_(new Tensor[]{L(0, 0, 2)}, F(1, 2, 3, 4), true),
                    "tensor([[2., 4., 6., 8.],\n        [0., 0., 0., 0.],\n        [1., 2., 3., 4.]])"),
            c("index put with a mask  |  torch.zeros(5).index_put_((B(1, 0, 1, 0, 0),), S(1.))", () -> Torch.zeros(5).indexPut_(new Tensor[]{B(1, 0, 1, 0, 0)}, S(1.0), false),
                    "tensor([1., 0., 1., 0., 0.])"),
            c("index put with a null (all positions) entry  |  torch.zeros(3, 4).index_put_((torch.arange(3).view(3, 1), L(1, 1)), S(1.), accumulate=True)", () -> Torch.zeros(3, 4).indexPut_(new Tensor[]{null, L(1, 1)}, S(1.0), true),
                    "tensor([[0., 2., 0., 0.],\n        [0., 2., 0., 0.],\n        [0., 2., 0., 0.]])"),
            c("index put into int64  |  ai().index_put_((L(1), L(-1)), S(40), accumulate=True)", () -> ai().indexPut_(new Tensor[]{L(1), L(-1)}, S(40L), true),
                    "tensor([[ 0,  1,  2],\n        [ 3,  4, 45]])")
        );
    }
}
