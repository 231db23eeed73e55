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
 * {@code x[...]}: basic indexing (views), advanced indexing with index tensors, lists and masks.
 * Expected values: PyTorch 1.13's repr of the Python expression in each case's name.
 */
class GetItemTest {

    @TestFactory
    Stream<DynamicTest> getItem() {
        return Stream.of(
            c("column  |  y()[:, 1]", () -> y().get(":, 1"),
                    "tensor([1., 5., 9.])"),
            c("row  |  y()[0, :]", () -> y().get("0, :"),
                    "tensor([0., 1., 2., 3.])"),
            c("slices with a step  |  y()[1:3, ::2]", () -> y().get("1:3, ::2"),
                    "tensor([[ 4.,  6.],\n        [ 8., 10.]])"),
            c("ellipsis then None  |  y()[..., None].shape", () -> y().get("..., None").shape(),
                    "torch.Size([3, 4, 1])"),
            c("negative integer  |  y()[-1]", () -> y().get("-1"),
                    "tensor([ 8.,  9., 10., 11.])"),
            c("ellipsis first  |  x()[..., 1]", () -> x().get("..., 1"),
                    "tensor([[ 1,  5,  9],\n        [13, 17, 21]])"),
            c("None around an ellipsis  |  x()[None, 1, ..., None].shape", () -> x().get("None, 1, ..., None").shape(),
                    "torch.Size([1, 3, 4, 1])"),
            c("three slices  |  x()[1:, -2:, 1:3]", () -> x().get("1:, -2:, 1:3"),
                    "tensor([[[17, 18],\n         [21, 22]]])"),
            c("slice past the end  |  y()[10:20]", () -> y().get("10:20"),
                    "tensor([], size=(0, 4))"),
            c("slice from before the start  |  y()[-10:2]", () -> y().get("-10:2"),
                    "tensor([[0., 1., 2., 3.],\n        [4., 5., 6., 7.]])"),
            c("empty slice  |  y()[2:1]", () -> y().get("2:1"),
                    "tensor([], size=(0, 4))"),
            c("empty index  |  y()[()]", () -> y().get(""),
                    "tensor([[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11.]])"),
            c("whitespace everywhere  |  y()[1:3, ::2]", () -> y().get("  1 : 3 ,  : : 2 "),
                    "tensor([[ 4.,  6.],\n        [ 8., 10.]])"),
            c("trailing comma  |  y()[1,]", () -> y().get("1,"),
                    "tensor([4., 5., 6., 7.])"),
            c("step beyond the size  |  x()[..., ::3]", () -> x().get("..., ::3"),
                    "tensor([[[ 0,  3],\n         [ 4,  7],\n         [ 8, 11]],\n\n        [[12, 15],\n         [16, 19],\n         [20, 23]]])"),
            c("negative bounds  |  y()[-2:, :-1]", () -> y().get("-2:, :-1"),
                    "tensor([[ 4.,  5.,  6.],\n        [ 8.,  9., 10.]])"),
            c("programmatic slices  |  x()[0, :, 1:]", () -> x().get(0, Index.all(), Index.slice(1L, null)),
                    "tensor([[ 1,  2,  3],\n        [ 5,  6,  7],\n        [ 9, 10, 11]])"),
            c("programmatic None between integers  |  x()[1, None, 2]", () -> x().get(1, null, 2),
                    "tensor([[20, 21, 22, 23]])"),
            c("programmatic ellipsis  |  x()[..., 0]", () -> x().get(Index.ELLIPSIS, 0),
                    "tensor([[ 0,  4,  8],\n        [12, 16, 20]])"),
            c("mixed string and integer entries  |  x()[:, 1]", () -> x().get(":", 1),
                    "tensor([[ 4,  5,  6,  7],\n        [16, 17, 18, 19]])"),
            c("list of rows  |  y()[[0, 2]]", () -> y().get("[0, 2]"),
                    "tensor([[ 0.,  1.,  2.,  3.],\n        [ 8.,  9., 10., 11.]])"),
            c("list and integer  |  y()[[0, 2], 1]", () -> y().get("[0, 2], 1"),
                    "tensor([1., 9.])"),
            c("list of columns with repeats  |  y()[:, [3, 0, 0]]", () -> y().get(":, [3, 0, 0]"),
                    "tensor([[ 3.,  0.,  0.],\n        [ 7.,  4.,  4.],\n        [11.,  8.,  8.]])"),
            c("nested list  |  y()[torch.tensor([[0, 2], [1, 1]])]", () -> y().get("[[0, 2], [1, 1]]"),
                    "tensor([[[ 0.,  1.,  2.,  3.],\n         [ 8.,  9., 10., 11.]],\n\n        [[ 4.,  5.,  6.,  7.],\n         [ 4.,  5.,  6.,  7.]]])"),
            c("two lists pair up  |  y()[[0, 2], [1, 3]]", () -> y().get(new long[]{0, 2}, new long[]{1, 3}),
                    "tensor([ 1., 11.])"),
            c("int[] index  |  y()[[2, 0]]", () -> y().get(new int[]{2, 0}),
                    "tensor([[ 8.,  9., 10., 11.],\n        [ 0.,  1.,  2.,  3.]])"),
            c("negative positions wrap  |  y()[L(-1, 0)]", () -> y().get(L(-1, 0)),
                    "tensor([[ 8.,  9., 10., 11.],\n        [ 0.,  1.,  2.,  3.]])"),
            c("empty index tensor  |  y()[L()]", () -> y().get(L()),
                    "tensor([], size=(0, 4))"),
            c("0-dim index tensor drops the dim  |  y()[L(1).view(())]", () -> y().get(L(1).view()),
                    "tensor([4., 5., 6., 7.])"),
            c("non-adjacent indices go first  |  x()[[0, 1], :, [0, 1]]", () -> x().get(new long[]{0, 1}, Index.all(), new long[]{0, 1}),
                    "tensor([[ 0,  4,  8],\n        [13, 17, 21]])"),
            c("an integer splits indices into a view first  |  x()[0, :, [0, 2]]", () -> x().get(0, Index.all(), new long[]{0, 2}),
                    "tensor([[ 0,  2],\n        [ 4,  6],\n        [ 8, 10]])"),
            c("None separates indices  |  x()[[0, 1], None, [0, 1]].shape", () -> x().get(new long[]{0, 1}, null, new long[]{0, 1}).shape(),
                    "torch.Size([2, 1, 4])"),
            c("None after adjacent indices  |  x()[:, [0, 1], None, [0, 1]]", () -> x().get(Index.all(), new long[]{0, 1}, null, new long[]{0, 1}),
                    "tensor([[[ 0],\n         [12]],\n\n        [[ 5],\n         [17]]])"),
            c("broadcast non-adjacent indices  |  x()[L(0, 1).view(2, 1), :, L(0, 3, 1)]", () -> x().get(L(0, 1).view(2, 1), Index.all(), L(0, 3, 1)),
                    "tensor([[[ 0,  4,  8],\n         [ 3,  7, 11],\n         [ 1,  5,  9]],\n\n        [[12, 16, 20],\n         [15, 19, 23],\n         [13, 17, 21]]])"),
            c("broadcast adjacent indices  |  x()[:, L(0, 2).view(2, 1), L(1, 3, 0)]", () -> x().get(Index.all(), L(0, 2).view(2, 1), L(1, 3, 0)),
                    "tensor([[[ 1,  3,  0],\n         [ 9, 11,  8]],\n\n        [[13, 15, 12],\n         [21, 23, 20]]])"),
            c("ellipsis before a list  |  x()[..., [0, 3]]", () -> x().get("..., [0, 3]"),
                    "tensor([[[ 0,  3],\n         [ 4,  7],\n         [ 8, 11]],\n\n        [[12, 15],\n         [16, 19],\n         [20, 23]]])"),
            c("index of a strided view  |  y().t()[[1, 3], 1:]", () -> y().t().get("[1, 3], 1:"),
                    "tensor([[ 5.,  9.],\n        [ 7., 11.]])"),
            c("mask from a comparison  |  y()[y() > 5]", () -> y().get(y().gt(5.0)),
                    "tensor([ 6.,  7.,  8.,  9., 10., 11.])"),
            c("mask over rows  |  y()[[True, False, True]]", () -> y().get(new boolean[]{true, false, true}),
                    "tensor([[ 0.,  1.,  2.,  3.],\n        [ 8.,  9., 10., 11.]])"),
            c("mask written as a list  |  y()[[True, False, True]]", () -> y().get("[True, False, True]"),
                    "tensor([[ 0.,  1.,  2.,  3.],\n        [ 8.,  9., 10., 11.]])"),
            c("mask over columns  |  y()[:, [True, False, True, False]]", () -> y().get(":, [True, False, True, False]"),
                    "tensor([[ 0.,  2.],\n        [ 4.,  6.],\n        [ 8., 10.]])"),
            c("2-D mask over the first two dims  |  x()[B(1, 0, 1, 0, 1, 1).view(2, 3)]", () -> x().get(B(1, 0, 1, 0, 1, 1).view(2, 3)),
                    "tensor([[ 0,  1,  2,  3],\n        [ 8,  9, 10, 11],\n        [16, 17, 18, 19],\n        [20, 21, 22, 23]])"),
            c("2-D mask over the last two dims  |  x()[:, y() % 3 == 0]", () -> x().get(Index.all(), y().remainder(3.0).eq(0.0)),
                    "tensor([[ 0,  3,  6,  9],\n        [12, 15, 18, 21]])"),
            // PyTorch 1.13 miscounts the dims a 2-D mask covers when an entry follows it (it raises "The shape of
            // the mask [2, 3] at index 1 does not match ..."); jtorch follows NumPy, whose results these are.
            c("2-D mask then an integer  |  numpy: x[m, 0]", () -> x().get(B(1, 0, 1, 0, 1, 1).view(2, 3), 0),
                    "tensor([ 0,  8, 16, 20])"),
            c("2-D mask then a slice  |  numpy: x[m, 1:3]", () -> x().get(B(1, 0, 1, 0, 1, 1).view(2, 3), "1:3"),
                    "tensor([[ 1,  2],\n        [ 9, 10],\n        [17, 18],\n        [21, 22]])"),
            c("integer then mask  |  x()[1, B(1, 0, 1)]", () -> x().get(1, B(1, 0, 1)),
                    "tensor([[12, 13, 14, 15],\n        [20, 21, 22, 23]])"),
            c("mask and index broadcast together  |  y()[B(1, 0, 1), L(3, 0)]", () -> y().get(B(1, 0, 1), L(3, 0)),
                    "tensor([3., 8.])"),
            c("True adds a dim  |  x()[True].shape", () -> x().get(true).shape(),
                    "torch.Size([1, 2, 3, 4])"),
            c("False adds an empty dim  |  x()[False]", () -> x().get(false),
                    "tensor([], size=(0, 2, 3, 4), dtype=torch.int64)"),
            c("0-dim bool tensor  |  y()[B(1).view(())]", () -> y().get(B(1).view()),
                    "tensor([[[ 0.,  1.,  2.,  3.],\n         [ 4.,  5.,  6.,  7.],\n         [ 8.,  9., 10., 11.]]])"),
            c("None on a 0-dim tensor  |  S(5.)[None]", () -> S(5.0).get("None"),
                    "tensor([5.])"),
            c("ellipsis on a 0-dim tensor  |  S(5.)[...]", () -> S(5.0).get("..."),
                    "tensor(5.)"),
            c("mask on a 0-dim tensor  |  S(5.)[True]", () -> S(5.0).get(true),
                    "tensor([5.])"),
            c("all-false mask  |  y()[y() > 100]", () -> y().get(y().gt(100.0)),
                    "tensor([])"),
            c("bool data indexed  |  (y() > 4)[:, [0, 3]]", () -> y().gt(4.0).get(":, [0, 3]"),
                    "tensor([[False, False],\n        [False,  True],\n        [ True,  True]])"),
            c("double data indexed  |  y().double()[[2, 0], 1:3]", () -> y().double_().get("[2, 0], 1:3"),
                    "tensor([[ 9., 10.],\n        [ 1.,  2.]], dtype=torch.float64)")
        );
    }
}
