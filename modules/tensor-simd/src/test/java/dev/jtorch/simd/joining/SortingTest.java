package dev.jtorch.simd.joining;

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
 * sort, argsort and topk (NaN sorts as the largest value).
 * Expected values: PyTorch 1.13's repr of the Python expression in each case's name.
 */
class SortingTest {

    @TestFactory
    Stream<DynamicTest> sorting() {
        return Stream.of(
            c("sort the last dim, NaN last  |  s().sort()", () -> s().sort().toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([[ 1.,  2.,  3., nan],\n        [-1.,  0.,  5.,  5.]]),\nindices=tensor([[2, 3, 0, 1],\n        [1, 0, 2, 3]]))"),
            c("sort along dim 0  |  s().sort(0)", () -> s().sort(0).toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([[ 0., -1.,  1.,  2.],\n        [ 3., nan,  5.,  5.]]),\nindices=tensor([[1, 1, 0, 0],\n        [0, 0, 1, 1]]))"),
            c("sort descending, NaN first  |  s().sort(-1, True)", () -> s().sort(-1, true).toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([[nan,  3.,  2.,  1.],\n        [ 5.,  5.,  0., -1.]]),\nindices=tensor([[1, 0, 3, 2],\n        [2, 3, 0, 1]]))"),
            c("sort a 0-dim tensor  |  S(3.).sort()", () -> S(3.0).sort().toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor(3.),\nindices=tensor(0))"),
            c("sort bool  |  B(1, 0, 1).sort()", () -> B(1, 0, 1).sort().toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([False,  True,  True]),\nindices=tensor([1, 0, 2]))"),
            c("stable sort keeps ties in order  |  L(1, 0, 1, 0).sort(stable=True)", () -> L(1, 0, 1, 0).sort(0, false, true).toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([0, 0, 1, 1]),\nindices=tensor([1, 3, 0, 2]))"),
            c("stable descending sort keeps ties in order  |  L(1, 0, 1, 0).sort(stable=True, descending=True)", () -> L(1, 0, 1, 0).sort(0, true, true).toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([1, 1, 0, 0]),\nindices=tensor([0, 2, 1, 3]))"),
            c("sort a transposed view  |  y().t().sort(0, True)", () -> y().t().sort(0, true).toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([[ 3.,  7., 11.],\n        [ 2.,  6., 10.],\n        [ 1.,  5.,  9.],\n        [ 0.,  4.,  8.]]),\nindices=tensor([[3, 3, 3],\n        [2, 2, 2],\n        [1, 1, 1],\n        [0, 0, 0]]))"),
            c("sort int64 with negatives  |  L(5, -3, 0, 9, -3).sort(stable=True)", () -> L(5, -3, 0, 9, -3).sort(0, false, true).toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([-3, -3,  0,  5,  9]),\nindices=tensor([1, 4, 2, 0, 3]))"),
            c("sort the middle dim of 3-D  |  x().flip(1).sort(1)", () -> x().flip(1).sort(1).toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([[[ 0,  1,  2,  3],\n         [ 4,  5,  6,  7],\n         [ 8,  9, 10, 11]],\n\n        [[12, 13, 14, 15],\n         [16, 17, 18, 19],\n         [20, 21, 22, 23]]]),\nindices=tensor([[[2, 2, 2, 2],\n         [1, 1, 1, 1],\n         [0, 0, 0, 0]],\n\n        [[2, 2, 2, 2],\n         [1, 1, 1, 1],\n         [0, 0, 0, 0]]]))"),
            c("sort float64 with infinities  |  torch.tensor([1, float(\"-inf\"), float(\"inf\"), -0.5], dtype=torch.float64).sort()", () -> Torch.from(new double[]{1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.5}, 4).sort().toString("sort"),
                    "torch.return_types.sort(\nvalues=tensor([   -inf, -0.5000,  1.0000,     inf], dtype=torch.float64),\nindices=tensor([1, 3, 0, 2]))"),
            c("argsort  |  s().argsort()", () -> s().argsort(),
                    "tensor([[2, 3, 0, 1],\n        [1, 0, 2, 3]])"),
            c("argsort descending along dim 0  |  y().argsort(0, True)", () -> y().argsort(0, true),
                    "tensor([[2, 2, 2, 2],\n        [1, 1, 1, 1],\n        [0, 0, 0, 0]])"),
            c("topk of each row  |  s().topk(2)", () -> s().topk(2).toString("topk"),
                    "torch.return_types.topk(\nvalues=tensor([[nan, 3.],\n        [5., 5.]]),\nindices=tensor([[1, 0],\n        [2, 3]]))"),
            c("topk smallest  |  s().topk(2, largest=False)", () -> s().topk(2, -1, false, true).toString("topk"),
                    "torch.return_types.topk(\nvalues=tensor([[ 1.,  2.],\n        [-1.,  0.]]),\nindices=tensor([[2, 3],\n        [1, 0]]))"),
            c("topk of nothing  |  s().topk(0)", () -> s().topk(0).toString("topk"),
                    "torch.return_types.topk(\nvalues=tensor([], size=(2, 0)),\nindices=tensor([], size=(2, 0), dtype=torch.int64))"),
            c("topk along dim 0  |  s().topk(1, 0)", () -> s().topk(1, 0).toString("topk"),
                    "torch.return_types.topk(\nvalues=tensor([[3., nan, 5., 5.]]),\nindices=tensor([[0, 0, 1, 1]]))"),
            c("topk of a 0-dim tensor  |  S(3.).topk(1)", () -> S(3.0).topk(1).toString("topk"),
                    "torch.return_types.topk(\nvalues=tensor(3.),\nindices=tensor(0))"),
            c("topk of int64  |  L(4, 1, 9, 9, 2).topk(3)", () -> L(4, 1, 9, 9, 2).topk(3).toString("topk"),
                    "torch.return_types.topk(\nvalues=tensor([9, 9, 4]),\nindices=tensor([2, 3, 0]))")
        );
    }
}
