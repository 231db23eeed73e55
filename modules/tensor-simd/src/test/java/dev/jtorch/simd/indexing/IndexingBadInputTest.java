package dev.jtorch.simd.indexing;

import dev.jtorch.Index;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static dev.jtorch.simd.indexing.Fixtures.*;

/**
 * Bad indexing input. Every case throws the exception type that matches PyTorch's error with PyTorch 1.13's
 * message (the Python expression is in the case's name) and leaves the inputs {@code t = [x, y, a, ai]}
 * unchanged.
 */
class IndexingBadInputTest {

    @TestFactory
    Stream<DynamicTest> badInputs() {
        return Stream.of(
            e("negative step  |  y()[::-1]", IllegalArgumentException.class, "step must be greater than zero",
                    t -> t[1].get("::-1")),
            e("zero step  |  y()[::0]", IllegalArgumentException.class, "slice step cannot be zero",
                    t -> t[1].get("::0")),
            e("negative step in Index.slice  |  y()[::-2]", IllegalArgumentException.class, "step must be greater than zero",
                    t -> t[1].get(Index.slice(null, null, -2))),
            e("too many indices  |  y()[0, 0, 0]", IndexOutOfBoundsException.class, "too many indices for tensor of dimension 2",
                    t -> t[1].get("0, 0, 0")),
            e("too many indices with a mask  |  y()[0, y() > 1]", IndexOutOfBoundsException.class, "too many indices for tensor of dimension 2",
                    t -> t[1].get(0, t[1].gt(1.0))),
            e("integer out of range  |  y()[5]", IndexOutOfBoundsException.class, "index 5 is out of bounds for dimension 0 with size 3",
                    t -> t[1].get("5")),
            e("integer out of range in dim 1  |  y()[:, 5]", IndexOutOfBoundsException.class, "index 5 is out of bounds for dimension 1 with size 4",
                    t -> t[1].get(":, 5")),
            e("negative integer out of range  |  x()[..., -5]", IndexOutOfBoundsException.class, "index -5 is out of bounds for dimension 1 with size 4",
                    t -> t[0].get("..., -5")),
            // PyTorch 1.13 quietly accepts a second ellipsis; jtorch rejects it with NumPy's error (numpy 1.x).
            e("two ellipses  |  numpy.zeros((3, 4))[..., 0, ...]", IndexOutOfBoundsException.class,
                    "an index can only have a single ellipsis ('...')",
                    t -> t[1].get("..., 0, ...")),
            e("integer index of a 0-dim tensor  |  S(5.)[0]", IndexOutOfBoundsException.class, "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number",
                    t -> S(5.0).get("0")),
            e("index tensor out of range  |  y()[L(5)]", IndexOutOfBoundsException.class, "index 5 is out of bounds for dimension 0 with size 3",
                    t -> t[1].get(L(5))),
            e("negative index tensor out of range  |  y()[L(-4)]", IndexOutOfBoundsException.class, "index -4 is out of bounds for dimension 0 with size 3",
                    t -> t[1].get(L(-4))),
            e("second index tensor out of range  |  y()[L(0, 1), L(5, 1)]", IndexOutOfBoundsException.class, "index 5 is out of bounds for dimension 1 with size 4",
                    t -> t[1].get(L(0, 1), L(5, 1))),
            e("float index tensor  |  y()[F(0, 1)]", IllegalArgumentException.class, "tensors used as indices must be long, byte or bool tensors",
                    t -> t[1].get(F(0, 1))),
            e("int32 index tensor  |  y()[torch.tensor([0, 1], dtype=torch.int32)]", IllegalArgumentException.class, "tensors used as indices must be long, byte or bool tensors",
                    t -> t[1].get(Torch.from(new int[]{0, 1}, 2))),
            e("indices that do not broadcast  |  y()[L(0, 1), L(0, 1, 2)]", IndexOutOfBoundsException.class, "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]",
                    t -> t[1].get(L(0, 1), L(0, 1, 2))),
            e("mask of the wrong length  |  y()[:, [True, False, True]]", IndexOutOfBoundsException.class, "The shape of the mask [3] at index 0 does not match the shape of the indexed tensor [3, 4] at index 1",
                    t -> t[1].get(":, [True, False, True]")),
            e("mask of the wrong shape  |  y()[B(1, 0, 1).view(1, 3)]", IndexOutOfBoundsException.class, "The shape of the mask [1, 3] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0",
                    t -> t[1].get(B(1, 0, 1).view(1, 3))),
            e("mask shorter than the dim  |  y()[B(1, 0, 1, 1)]", IndexOutOfBoundsException.class, "The shape of the mask [4] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0",
                    t -> t[1].get(B(1, 0, 1, 1))),
            e("set: value too long for the view  |  exec:r = y(); r[0] = F(1, 2, 3)", IllegalArgumentException.class, "The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 0.  Target sizes: [4].  Tensor sizes: [3]",
                    t -> t[1].set("0", F(1, 2, 3))),
            e("set: value with too many dims  |  exec:r = y(); r[0] = torch.ones(2, 4)", IllegalArgumentException.class, "expand(torch.FloatTensor{[2, 4]}, size=[4]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)",
                    t -> t[1].set("0", Torch.ones(2, 4))),
            e("set: column from a row  |  exec:r = y(); r[:, 0] = F(1, 2, 3, 4)", IllegalArgumentException.class, "The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 0.  Target sizes: [3].  Tensor sizes: [4]",
                    t -> t[1].set(":, 0", F(1, 2, 3, 4))),
            e("set: index out of range  |  exec:r = y(); r[[0, 3]] = 1.", IndexOutOfBoundsException.class, "index 3 is out of bounds for dimension 0 with size 3",
                    t -> t[1].set("[0, 3]", 1.0)),
            e("set: index value does not broadcast  |  exec:r = y(); r[[0, 1]] = F(1, 2, 3)", IllegalArgumentException.class, "shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2, 4]",
                    t -> t[1].set("[0, 1]", F(1, 2, 3))),
            e("set: index value of another dtype  |  exec:r = y(); r[[0, 1]] = L(1, 2, 3, 4)", IllegalArgumentException.class, "Index put requires the source and destination dtypes match, got Float for the destination and Long for the source.",
                    t -> t[1].set("[0, 1]", L(1, 2, 3, 4))),
            e("set: negative step  |  exec:r = y(); r[::-1] = 1.", IllegalArgumentException.class, "step must be greater than zero",
                    t -> t[1].set("::-1", 1.0)),
            e("set: late out-of-range mask entry  |  exec:r = y(); r[L(0), 9] = 1.", IndexOutOfBoundsException.class, "index 9 is out of bounds for dimension 1 with size 4",
                    t -> t[1].set(new Object[]{L(0), 9}, 1.0)),
            e("index_put_: too many indices  |  y().index_put_((L(0), L(0), L(0)), S(1.))", IndexOutOfBoundsException.class, "too many indices for tensor of dimension 2 (got 3)",
                    t -> t[1].indexPut_(new Tensor[]{L(0), L(0), L(0)}, S(1.0), false)),
            e("index_put_: dtypes differ  |  y().index_put_((L(0),), S(1))", IllegalArgumentException.class, "Index put requires the source and destination dtypes match, got Float for the destination and Long for the source.",
                    t -> t[1].indexPut_(new Tensor[]{L(0)}, S(1L), false)),
            e("index_put_: out of range  |  y().index_put_((L(0, 7),), S(1.), accumulate=True)", IndexOutOfBoundsException.class, "index 7 is out of bounds for dimension 0 with size 3",
                    t -> t[1].indexPut_(new Tensor[]{L(0, 7)}, S(1.0), true)),
            e("index_put_: values do not broadcast  |  y().index_put_((L(0, 1),), F(1, 2, 3))", IllegalArgumentException.class, "shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2, 4]",
                    t -> t[1].indexPut_(new Tensor[]{L(0, 1)}, F(1, 2, 3), false)),
            e("index_select: 2-D index  |  y().index_select(1, L(0, 2).view(1, 2))", IndexOutOfBoundsException.class, "index_select(): Index is supposed to be a vector",
                    t -> t[1].indexSelect(1, L(0, 2).view(1, 2))),
            e("index_select: float index  |  y().index_select(1, F(0, 1))", IllegalArgumentException.class, "index_select(): Expected dtype int32 or int64 for index",
                    t -> t[1].indexSelect(1, F(0, 1))),
            e("index_select: out of range  |  S(5.).index_select(0, L(1))", IndexOutOfBoundsException.class, "index out of range in self",
                    t -> S(5.0).indexSelect(0, L(1))),
            e("index_select: negative index  |  S(5.).index_select(0, L(-1))", IndexOutOfBoundsException.class, "index out of range in self",
                    t -> t[1].indexSelect(1, L(0, -1))),
            e("index_select: bad dim  |  y().index_select(2, L(0))", IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                    t -> t[1].indexSelect(2, L(0))),
            e("gather: index of another rank  |  a().gather(1, L(0, 2))", IllegalArgumentException.class, "Index tensor must have the same number of dimensions as input tensor",
                    t -> t[2].gather(1, L(0, 2))),
            e("gather: out of range  |  a().gather(1, T2([[0], [5]]))", IndexOutOfBoundsException.class, "index 5 is out of bounds for dimension 1 with size 3",
                    t -> t[2].gather(1, L(0, 5).view(2, 1))),
            e("gather: negative index  |  a().gather(1, T2([[0], [-1]]))", IndexOutOfBoundsException.class, "index -1 is out of bounds for dimension 1 with size 3",
                    t -> t[2].gather(1, L(0, -1).view(2, 1))),
            e("gather: int32 index  |  a().gather(1, torch.tensor([[0], [1]], dtype=torch.int32))", IllegalArgumentException.class, "gather(): Expected dtype int64 for index",
                    t -> t[2].gather(1, Torch.from(new int[]{0, 1}, 2, 1))),
            e("gather: index larger than self  |  a().gather(0, T2([[0, 1, 1, 1]]))", IllegalArgumentException.class, "Size does not match at dimension 1 expected index [1, 4] to be smaller than self [2, 3] apart from dimension 0",
                    t -> t[2].gather(0, L(0, 1, 1, 1).view(1, 4))),
            e("gather: too many rows  |  a().gather(1, T2([[0, 1], [1, 1], [0, 0]]))", IllegalArgumentException.class, "Size does not match at dimension 0 expected index [3, 2] to be smaller than self [2, 3] apart from dimension 1",
                    t -> t[2].gather(1, L(0, 1, 1, 1, 0, 0).view(3, 2))),
            e("scatter: out of range  |  a().scatter(1, T2([[0], [5]]), F(9, 8).view(2, 1))", IndexOutOfBoundsException.class, "index 5 is out of bounds for dimension 1 with size 3",
                    t -> t[2].scatter(1, L(0, 5).view(2, 1), F(9, 8).view(2, 1))),
            e("scatter_: out of range leaves self alone  |  a().scatter_(0, T2([[0, 1, 2]]), F(9, 9, 9).view(1, 3))", IndexOutOfBoundsException.class, "index 2 is out of bounds for dimension 0 with size 2",
                    t -> t[2].scatter_(0, L(0, 1, 2).view(1, 3), F(9, 9, 9).view(1, 3))),
            e("scatter: index of another rank  |  a().scatter(1, L(0, 2), F(9, 8).view(2, 1))", IllegalArgumentException.class, "Index tensor must have the same number of dimensions as self tensor",
                    t -> t[2].scatter(1, L(0, 2), F(9, 8).view(2, 1))),
            e("scatter: source of another dtype  |  a().scatter(1, T2([[0], [2]]), L(9, 8).view(2, 1))", IllegalArgumentException.class, "scatter(): Expected self.dtype to be equal to src.dtype",
                    t -> t[2].scatter(1, L(0, 2).view(2, 1), L(9, 8).view(2, 1))),
            e("scatter: int32 index  |  a().scatter(1, torch.tensor([[0], [2]], dtype=torch.int32), F(9, 8).view(2, 1))", IllegalArgumentException.class, "scatter(): Expected dtype int64 for index",
                    t -> t[2].scatter(1, Torch.from(new int[]{0, 2}, 2, 1), F(9, 8).view(2, 1))),
            e("scatter: index larger than the source  |  a().scatter(1, T2([[0, 1, 2]]), F(9, 9).view(1, 2))", IllegalArgumentException.class, "Expected index [1, 3] to be smaller than self [2, 3] apart from dimension 1 and to be smaller size than src [1, 2]",
                    t -> t[2].scatter(1, L(0, 1, 2).view(1, 3), F(9, 9).view(1, 2))),
            e("scatter_add_: source of another dtype  |  a().scatter_add_(1, T2([[0], [2]]), L(9, 8).view(2, 1))", IllegalArgumentException.class, "scatter(): Expected self.dtype to be equal to src.dtype",
                    t -> t[2].scatterAdd_(1, L(0, 2).view(2, 1), L(9, 8).view(2, 1))),
            // PyTorch 1.13 silently ignores a float mask; this is the error of later PyTorch releases.
            e("masked_fill: float mask  |  a().masked_fill(F(1, 0, 1), 9.) in PyTorch 2", IllegalArgumentException.class,
                    "masked_fill_ only supports boolean masks, but got mask with dtype float",
                    t -> t[2].maskedFill(F(1, 0, 1), 9.0)),
            e("masked_fill_: mask broadcasts beyond self  |  a().masked_fill_(B(1, 0, 1).view(1, 1, 3), 9.)", IllegalArgumentException.class, "output with shape [2, 3] doesn't match the broadcast shape [1, 2, 3]",
                    t -> t[2].maskedFill_(B(1, 0, 1).view(1, 1, 3), 9.0)),
            e("masked_fill: mask does not broadcast  |  a().masked_fill(B(1, 0), 9.)", IllegalArgumentException.class, "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1",
                    t -> t[2].maskedFill(B(1, 0), 9.0)),
            e("masked_select: float mask  |  a().masked_select(F(1, 0, 1))", IllegalArgumentException.class, "masked_select: expected BoolTensor or ByteTensor for mask",
                    t -> t[2].maskedSelect(F(1, 0, 1))),
            e("masked_select: mask does not broadcast  |  a().masked_select(B(1, 0))", IllegalArgumentException.class, "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1",
                    t -> t[2].maskedSelect(B(1, 0)))
        );
    }
}
