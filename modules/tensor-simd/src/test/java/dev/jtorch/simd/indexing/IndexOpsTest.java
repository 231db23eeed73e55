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
 * index_select, gather, scatter, scatter_add, masked_fill, masked_select and nonzero.
 * Expected values: PyTorch 1.13's repr of the Python expression in each case's name.
 */
class IndexOpsTest {

    @TestFactory
    Stream<DynamicTest> indexOps() {
        return Stream.of(
            c("index_select columns  |  y().index_select(1, L(0, 2))", () -> y().indexSelect(1, L(0, 2)),
                    "tensor([[ 0.,  2.],\n        [ 4.,  6.],\n        [ 8., 10.]])"),
            c("index_select repeated rows  |  y().index_select(0, L(2, 2, 0))", () -> y().indexSelect(0, L(2, 2, 0)),
                    "tensor([[ 8.,  9., 10., 11.],\n        [ 8.,  9., 10., 11.],\n        [ 0.,  1.,  2.,  3.]])"),
            c("index_select with an int32 index  |  y().index_select(-1, torch.tensor([3, 1], dtype=torch.int32))", () -> y().indexSelect(-1, Torch.from(new int[]{3, 1}, 2)),
                    "tensor([[ 3.,  1.],\n        [ 7.,  5.],\n        [11.,  9.]])"),
            c("index_select with a 0-dim index  |  y().index_select(0, L(1).view(()))", () -> y().indexSelect(0, L(1).view()),
                    "tensor([[4., 5., 6., 7.]])"),
            c("index_select of a transposed view  |  y().t().index_select(0, L(1, 3))", () -> y().t().indexSelect(0, L(1, 3)),
                    "tensor([[ 1.,  5.,  9.],\n        [ 3.,  7., 11.]])"),
            c("index_select of int64 data  |  x().index_select(2, L(3, 0))", () -> x().indexSelect(2, L(3, 0)),
                    "tensor([[[ 3,  0],\n         [ 7,  4],\n         [11,  8]],\n\n        [[15, 12],\n         [19, 16],\n         [23, 20]]])"),
            c("index_select with an empty index  |  y().index_select(1, L())", () -> y().indexSelect(1, L()),
                    "tensor([], size=(3, 0))"),
            c("index_select of a 0-dim tensor  |  S(5.).index_select(0, L(0, 0))", () -> S(5.0).indexSelect(0, L(0, 0)),
                    "tensor(5.)"),
            c("gather along dim 1  |  a().gather(1, T2([[0], [2]]))", () -> a().gather(1, L(0, 2).view(2, 1)),
                    "tensor([[0.],\n        [5.]])"),
            c("gather along dim 0  |  a().gather(0, T2([[1, 0, 1]]))", () -> a().gather(0, L(1, 0, 1).view(1, 3)),
                    "tensor([[3., 1., 5.]])"),
            c("gather more than the dim holds  |  a().gather(1, T2([[0, 1, 1, 1]]))", () -> a().gather(1, L(0, 1, 1, 1).view(1, 4)),
                    "tensor([[0., 1., 1., 1.]])"),
            c("gather along the last dim of 3-D  |  x().gather(-1, L(3, 0, 1, 1, 2, 2).view(1, 3, 2))", () -> x().gather(-1, L(3, 0, 1, 1, 2, 2).view(1, 3, 2)),
                    "tensor([[[ 3,  0],\n         [ 5,  5],\n         [10, 10]]])"),
            c("gather from a transposed view  |  a().t().gather(0, L(1, 0, 0, 1).view(2, 2))", () -> a().t().gather(0, L(1, 0, 0, 1).view(2, 2)),
                    "tensor([[1., 3.],\n        [0., 4.]])"),
            c("scatter a source  |  a().scatter(1, T2([[0], [2]]), F(9, 8).view(2, 1))", () -> a().scatter(1, L(0, 2).view(2, 1), F(9, 8).view(2, 1)),
                    "tensor([[9., 1., 2.],\n        [3., 4., 8.]])"),
            c("scatter a scalar  |  a().scatter(1, T2([[0], [2]]), 7.5)", () -> a().scatter(1, L(0, 2).view(2, 1), 7.5),
                    "tensor([[7.5000, 1.0000, 2.0000],\n        [3.0000, 4.0000, 7.5000]])"),
            c("scatter a scalar into int64  |  ai().scatter(1, T2([[0], [2]]), 7.5)", () -> ai().scatter(1, L(0, 2).view(2, 1), 7.5),
                    "tensor([[7, 1, 2],\n        [3, 4, 7]])"),
            c("scatter from a larger source  |  a().scatter(0, T2([[1, 0, 1]]), F(10, 20, 30, 40, 50, 60).view(2, 3))", () -> a().scatter(0, L(1, 0, 1).view(1, 3), F(10, 20, 30, 40, 50, 60).view(2, 3)),
                    "tensor([[ 0., 20.,  2.],\n        [10.,  4., 30.]])"),
            c("scatter_add accumulates  |  a().scatter_add(1, T2([[0, 0], [2, 2]]), F(1, 2, 3, 4).view(2, 2))", () -> a().scatterAdd(1, L(0, 0, 2, 2).view(2, 2), F(1, 2, 3, 4).view(2, 2)),
                    "tensor([[ 3.,  1.,  2.],\n        [ 3.,  4., 12.]])"),
            c("scatter_ in place  |  exec:r = a(); r.scatter_(0, T2([[1, 1, 0]]), F(-1, -2, -3).view(1, 3))", () -> Fixtures.through(a(), t -> t.scatter_(0, L(1, 1, 0).view(1, 3), F(-1, -2, -3).view(1, 3))),
                    "tensor([[ 0.,  1., -3.],\n        [-1., -2.,  5.]])"),
            c("scatter_ a scalar in place  |  exec:r = ai(); r.scatter_(1, T2([[1], [0]]), -7.)", () -> Fixtures.through(ai(), t -> t.scatter_(1, L(1, 0).view(2, 1), -7.0)),
                    "tensor([[ 0, -7,  2],\n        [-7,  4,  5]])"),
            c("scatter_add_ in place  |  exec:r = torch.zeros(5); r.scatter_add_(0, L(0, 1, 0, 4), F(1, 2, 3, 4))", () -> Fixtures.through(Torch.zeros(5), t -> t.scatterAdd_(0, L(0, 1, 0, 4), F(1, 2, 3, 4))),
                    "tensor([4., 2., 0., 0., 4.])"),
            c("masked_fill with a row mask  |  a().masked_fill(B(1, 0, 1), 9.)", () -> a().maskedFill(B(1, 0, 1), 9.0),
                    "tensor([[9., 1., 9.],\n        [9., 4., 9.]])"),
            c("masked_fill keeps int64  |  torch.arange(3).masked_fill(B(1, 0, 1), 9.7)", () -> Torch.arange(3).maskedFill(B(1, 0, 1), 9.7),
                    "tensor([9, 1, 9])"),
            c("masked_fill broadcasts to the mask  |  a().masked_fill(B(1, 0, 1).view(1, 1, 3), 9.)", () -> a().maskedFill(B(1, 0, 1).view(1, 1, 3), 9.0),
                    "tensor([[[9., 1., 9.],\n         [9., 4., 9.]]])"),
            c("masked_fill with NaN  |  a().masked_fill(a() > 3, float(\"nan\"))", () -> a().maskedFill(a().gt(3.0), Double.NaN),
                    "tensor([[0., 1., 2.],\n        [3., nan, nan]])"),
            c("masked_fill_ in place  |  exec:r = a(); r.masked_fill_(r < 2, -1.)", () -> Fixtures.through(a(), t -> t.maskedFill_(t.lt(2.0), -1.0)),
                    "tensor([[-1., -1.,  2.],\n        [ 3.,  4.,  5.]])"),
            c("masked_fill_ of a bool tensor  |  exec:r = B(1, 1, 0); r.masked_fill_(B(0, 1, 1), 0.)", () -> Fixtures.through(B(1, 1, 0), t -> t.maskedFill_(B(0, 1, 1), 0.0)),
                    "tensor([ True, False, False])"),
            c("masked_select with a row mask  |  a().masked_select(B(1, 0, 1))", () -> a().maskedSelect(B(1, 0, 1)),
                    "tensor([0., 2., 3., 5.])"),
            c("masked_select broadcasts both  |  a().masked_select(B(1, 0).view(1, 2, 1))", () -> a().maskedSelect(B(1, 0).view(1, 2, 1)),
                    "tensor([0., 1., 2.])"),
            c("masked_select with a uint8 mask  |  a().masked_select(torch.tensor([0, 1, 1], dtype=torch.uint8))", () -> a().maskedSelect(L(0, 1, 1).to(DType.UINT8)),
                    "tensor([1., 2., 4., 5.])"),
            c("masked_select of a 0-dim tensor  |  S(5.).masked_select(B(1).view(()))", () -> S(5.0).maskedSelect(B(1).view()),
                    "tensor([5.])"),
            c("nonzero of a matrix  |  L(0, 1, 2, 0).view(2, 2).nonzero()", () -> L(0, 1, 2, 0).view(2, 2).nonzero(),
                    "tensor([[0, 1],\n        [1, 0]])"),
            c("nonzero counts NaN, not -0.0  |  F(0, float(\"nan\"), -0.0).nonzero()", () -> F(0, Float.NaN, -0.0f).nonzero(),
                    "tensor([[1]])"),
            c("nonzero of 3-D  |  (x() % 7 == 0).nonzero()", () -> x().remainder(7L).eq(0.0).nonzero(),
                    "tensor([[0, 0, 0],\n        [0, 1, 3],\n        [1, 0, 2],\n        [1, 2, 1]])"),
            c("nonzero of a non-zero 0-dim tensor  |  S(3).nonzero()", () -> S(3L).nonzero(),
                    "tensor([], size=(1, 0), dtype=torch.int64)"),
            c("nonzero of a zero 0-dim tensor  |  S(0).nonzero()", () -> S(0L).nonzero(),
                    "tensor([], size=(0, 0), dtype=torch.int64)"),
            c("nonzero of a strided view  |  (x()[..., ::2] % 3 == 0).nonzero()", () -> x().get("..., ::2").remainder(3L).eq(0.0).nonzero(),
                    "tensor([[0, 0, 0],\n        [0, 1, 1],\n        [1, 0, 0],\n        [1, 1, 1]])")
        );
    }
}
