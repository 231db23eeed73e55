package dev.jtorch.simd.joining;

import dev.jtorch.Index;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static dev.jtorch.simd.indexing.Fixtures.*;

/**
 * Bad input to joining, splitting, sorting and einsum. Every case throws the exception type that matches PyTorch's error with PyTorch 1.13's
 * message (the Python expression is in the case's name) and leaves the inputs {@code t = [x, y, a, ai]}
 * unchanged.
 */
class JoiningBadInputTest {

    @TestFactory
    Stream<DynamicTest> badInputs() {
        return Stream.of(
            e("cat: sizes differ  |  torch.cat([a(), y()], 1)", IllegalArgumentException.class, "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.",
                    t -> Torch.cat(List.of(t[2], t[1]), 1)),
            e("cat: sizes differ along dim 0  |  torch.cat([a(), y()], 0)", IllegalArgumentException.class, "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.",
                    t -> Torch.cat(List.of(t[2], t[1]), 0)),
            e("cat: empty list  |  torch.cat([], 0)", IllegalArgumentException.class, "torch.cat(): expected a non-empty list of Tensors",
                    t -> Torch.cat(List.of(), 0)),
            e("cat: ranks differ  |  torch.cat([a(), F(1, 2)], 1)", IllegalArgumentException.class, "Tensors must have same number of dimensions: got 2 and 1",
                    t -> Torch.cat(List.of(t[2], F(1, 2)), 1)),
            e("cat: 0-dim tensors  |  torch.cat([S(1.), S(2.)])", IllegalArgumentException.class, "zero-dimensional tensor (at position 0) cannot be concatenated",
                    t -> Torch.cat(List.of(S(1.0), S(2.0)), 0)),
            e("cat: dim out of range  |  torch.cat([a(), a()], 2)", IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                    t -> Torch.cat(List.of(t[2], t[2]), 2)),
            e("cat: empty block of the wrong width  |  torch.cat([a(), torch.zeros(3, 0)], 0)", IllegalArgumentException.class, "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 0 for tensor number 1 in the list.",
                    t -> Torch.cat(List.of(t[2], Torch.zeros(3, 0)), 0)),
            e("stack: sizes differ  |  torch.stack([torch.zeros(2), torch.zeros(3)])", IllegalArgumentException.class, "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1",
                    t -> Torch.stack(List.of(Torch.zeros(2), Torch.zeros(3)))),
            e("stack: empty list  |  torch.stack([])", IllegalArgumentException.class, "stack expects a non-empty TensorList",
                    t -> Torch.stack(List.of())),
            e("stack: dim out of range  |  torch.stack([a(), a()], 3)", IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
                    t -> Torch.stack(List.of(t[2], t[2]), 3)),
            e("chunk: zero chunks  |  a().chunk(0)", IllegalArgumentException.class, "chunk expects `chunks` to be greater than 0, got: 0",
                    t -> t[2].chunk(0)),
            e("chunk: 0-dim  |  S(1.).chunk(2)", IllegalArgumentException.class, "chunk expects at least a 1-dimensional tensor",
                    t -> S(1.0).chunk(2)),
            e("split: zero size  |  a().split(0, 1)", IllegalArgumentException.class, "split_size can only be 0 if dimension size is 0, but got dimension size of 3",
                    t -> t[2].split(0, 1)),
            e("split: negative size  |  a().split(-1)", IllegalArgumentException.class, "split expects split_size be non-negative, but got split_size=-1",
                    t -> t[2].split(-1)),
            e("split: sections do not sum  |  torch.arange(5).split([2, 2])", IllegalArgumentException.class, "split_with_sizes expects split_sizes to sum exactly to 5 (input tensor's size at dimension 0), but got split_sizes=[2, 2]",
                    t -> Torch.arange(5).split(new long[]{2, 2}, 0)),
            e("split: negative section  |  torch.arange(5).split([-1, 6])", IllegalArgumentException.class, "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[-1, 6]",
                    t -> Torch.arange(5).split(new long[]{-1, 6}, 0)),
            e("split: 0-dim  |  S(1.).split(1)", IllegalArgumentException.class, "split expects at least a 1-dimensional tensor",
                    t -> S(1.0).split(1)),
            e("unbind: 0-dim  |  S(1.).unbind(0)", IndexOutOfBoundsException.class, "Dimension specified as 0 but tensor has no dimensions",
                    t -> S(1.0).unbind(0)),
            e("unbind: dim out of range  |  a().unbind(2)", IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                    t -> t[2].unbind(2)),
            e("repeat: fewer repeats than dims  |  a().repeat(2)", IllegalArgumentException.class, "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
                    t -> t[2].repeat(2)),
            e("repeat: negative repeat  |  a().repeat(-1, 2)", IllegalArgumentException.class, "Trying to create tensor with negative dimension -2: [-2, 6]",
                    t -> t[2].repeat(-1, 2)),
            e("tile: negative rep  |  a().tile(-1)", IllegalArgumentException.class, "Trying to create tensor with negative dimension -3: [2, -3]",
                    t -> t[2].tile(-1)),
            e("flip: repeated dim  |  a().flip(0, 0)", IllegalArgumentException.class, "dim 0 appears multiple times in the list of dims",
                    t -> t[2].flip(0, 0)),
            e("flip: dim out of range  |  a().flip(2)", IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                    t -> t[2].flip(2)),
            e("roll: shifts and dims differ  |  a().roll((1, 1), 0)", IllegalArgumentException.class, "shifts and dimensions must align. shifts: 2, dims:1",
                    t -> t[2].roll(new long[]{1, 1}, new int[]{0})),
            e("roll: dim out of range  |  a().roll(1, 2)", IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                    t -> t[2].roll(1, 2)),
            e("roll: 0-dim with a dim  |  S(3.).roll(1, 0)", IndexOutOfBoundsException.class, "Dimension specified as 0 but tensor has no dimensions",
                    t -> S(3.0).roll(1, 0)),
            e("sort: dim out of range  |  a().sort(2)", IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                    t -> t[2].sort(2)),
            e("sort: 0-dim with dim 1  |  S(3.).sort(1)", IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                    t -> S(3.0).sort(1)),
            e("topk: k too large  |  a().topk(5)", IllegalArgumentException.class, "selected index k out of range",
                    t -> t[2].topk(5)),
            e("topk: negative k  |  a().topk(-1)", IllegalArgumentException.class, "selected index k out of range",
                    t -> t[2].topk(-1)),
            e("topk: 0-dim with k 2  |  S(3.).topk(2)", IllegalArgumentException.class, "selected index k out of range",
                    t -> S(3.0).topk(2)),
            e("einsum: sizes differ  |  torch.einsum(\"ij,jk\", a(), a())", IllegalArgumentException.class, "einsum(): subscript j has size 2 for operand 1 which does not broadcast with previously seen size 3",
                    t -> Torch.einsum("ij,jk", t[2], t[2])),
            e("einsum: fewer operands  |  torch.einsum(\"ij,jk->ik\", a())", IllegalArgumentException.class, "einsum(): fewer operands were provided than specified in the equation",
                    t -> Torch.einsum("ij,jk->ik", t[2])),
            e("einsum: more operands  |  torch.einsum(\"ij->i\", a(), a())", IllegalArgumentException.class, "einsum(): more operands were provided than specified in the equation",
                    t -> Torch.einsum("ij->i", t[2], t[2])),
            e("einsum: unknown output label  |  torch.einsum(\"ij->ik\", a())", IllegalArgumentException.class, "einsum(): output subscript k does not appear in the equation for any input operand",
                    t -> Torch.einsum("ij->ik", t[2])),
            e("einsum: repeated output label  |  torch.einsum(\"ij->ii\", a())", IllegalArgumentException.class, "einsum(): output subscript i appears more than once in the output",
                    t -> Torch.einsum("ij->ii", t[2])),
            e("einsum: too many labels  |  torch.einsum(\"ijk->i\", a())", IllegalArgumentException.class, "einsum(): the number of subscripts in the equation (3) does not match the number of dimensions (2) for operand 0 and no ellipsis was given",
                    t -> Torch.einsum("ijk->i", t[2])),
            e("einsum: too few labels  |  torch.einsum(\"i->i\", a())", IllegalArgumentException.class, "einsum(): the number of subscripts in the equation (1) does not match the number of dimensions (2) for operand 0 and no ellipsis was given",
                    t -> Torch.einsum("i->i", t[2])),
            e("einsum: too many labels with an ellipsis  |  torch.einsum(\"abc...\", a())", IllegalArgumentException.class, "einsum(): the number of subscripts in the equation (3) is more than the number of dimensions (2) for operand 0",
                    t -> Torch.einsum("abc...", t[2])),
            e("einsum: repeated label of different sizes  |  torch.einsum(\"ii->i\", a())", IllegalArgumentException.class, "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 3 != 2",
                    t -> Torch.einsum("ii->i", t[2])),
            e("einsum: digit label  |  torch.einsum(\"i1\", a())", IllegalArgumentException.class, "einsum(): invalid subscript given at index 1 in the equation string, subscripts must be in [a-zA-Z]",
                    t -> Torch.einsum("i1", t[2])),
            e("einsum: second arrow  |  torch.einsum(\"ij->j->i\", a())", IllegalArgumentException.class, "einsum(): invalid subscript given at index 5 in the equation string, subscripts must be in [a-zA-Z]",
                    t -> Torch.einsum("ij->j->i", t[2])),
            e("einsum: lone dot  |  torch.einsum(\"i.j\", a())", IllegalArgumentException.class, "einsum(): found '.' for operand 0 that is not part of any ellipsis",
                    t -> Torch.einsum("i.j", t[2])),
            e("einsum: two ellipses  |  torch.einsum(\"a...b...\", a())", IllegalArgumentException.class, "einsum(): found '.' for operand 0 for which an ellipsis was already found",
                    t -> Torch.einsum("a...b...", t[2])),
            e("einsum: lone dot in the output  |  torch.einsum(\"ab->a.\", a())", IllegalArgumentException.class, "einsum(): found '.' for output that is not part of any ellipsis (...)",
                    t -> Torch.einsum("ab->a.", t[2])),
            e("einsum: ellipses that do not broadcast  |  torch.einsum(\"...i,...i\", torch.ones(2, 3, 4), torch.ones(5, 4))", IllegalArgumentException.class, "einsum(): dimension 0 covered by ellipsis in operand 1has size 5 which does not broadcast with previously seen ellipsis with size 3 for the respective dimension",
                    t -> Torch.einsum("...i,...i", Torch.ones(2, 3, 4), Torch.ones(5, 4))),
            e("einsum: mixed dtypes in a contraction  |  torch.einsum(\"i,i\", F(1, 2), L(1, 2))", IllegalArgumentException.class, "expected scalar type Float but found Long",
                    t -> Torch.einsum("i,i", F(1, 2), L(1, 2)))
        );
    }
}
