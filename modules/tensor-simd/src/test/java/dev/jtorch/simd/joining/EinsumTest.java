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
 * {@code torch.einsum}: explicit and implicit outputs, diagonals, ellipses, several operands.
 * Expected values: PyTorch 1.13's repr of the Python expression in each case's name.
 */
class EinsumTest {

    @TestFactory
    Stream<DynamicTest> einsum() {
        return Stream.of(
            c("matrix product  |  torch.einsum(\"ij,jk->ik\", r(6, 2, 3), r(12, 3, 4))", () -> Torch.einsum("ij,jk->ik", r(6, 2, 3), r(12, 3, 4)),
                    "tensor([[20., 23., 26., 29.],\n        [56., 68., 80., 92.]])"),
            c("implicit matrix product  |  torch.einsum(\"ij,jk\", r(6, 2, 3), r(12, 3, 4))", () -> Torch.einsum("ij,jk", r(6, 2, 3), r(12, 3, 4)),
                    "tensor([[20., 23., 26., 29.],\n        [56., 68., 80., 92.]])"),
            c("diagonal  |  torch.einsum(\"ii->i\", r(9, 3, 3))", () -> Torch.einsum("ii->i", r(9, 3, 3)),
                    "tensor([0., 4., 8.])"),
            c("trace  |  torch.einsum(\"ii\", r(9, 3, 3))", () -> Torch.einsum("ii", r(9, 3, 3)),
                    "tensor(12.)"),
            c("batched matrix product  |  torch.einsum(\"bij,bjk->bik\", r(12, 2, 2, 3), r(24, 2, 3, 4))", () -> Torch.einsum("bij,bjk->bik", r(12, 2, 2, 3), r(24, 2, 3, 4)),
                    "tensor([[[ 20.,  23.,  26.,  29.],\n         [ 56.,  68.,  80.,  92.]],\n\n        [[344., 365., 386., 407.],\n         [488., 518., 548., 578.]]])"),
            c("outer product  |  torch.einsum(\"i,j->ij\", r(2, 2), r(3, 3))", () -> Torch.einsum("i,j->ij", r(2, 2), r(3, 3)),
                    "tensor([[0., 0., 0.],\n        [0., 1., 2.]])"),
            c("dot product  |  torch.einsum(\"i,i->\", r(4, 4), r(4, 4))", () -> Torch.einsum("i,i->", r(4, 4), r(4, 4)),
                    "tensor(14.)"),
            c("ellipsis broadcasting batch dims  |  torch.einsum(\"...ij,...jk\", r(12, 2, 1, 2, 3), r(24, 2, 3, 4))", () -> Torch.einsum("...ij,...jk", r(12, 2, 1, 2, 3), r(24, 2, 3, 4)),
                    "tensor([[[[ 20.,  23.,  26.,  29.],\n          [ 56.,  68.,  80.,  92.]],\n\n         [[ 56.,  59.,  62.,  65.],\n          [200., 212., 224., 236.]]],\n\n\n        [[[ 92., 113., 134., 155.],\n          [128., 158., 188., 218.]],\n\n         [[344., 365., 386., 407.],\n          [488., 518., 548., 578.]]]])"),
            c("transpose  |  torch.einsum(\"ij->ji\", r(6, 2, 3))", () -> Torch.einsum("ij->ji", r(6, 2, 3)),
                    "tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]])"),
            c("sum of everything  |  torch.einsum(\"ij->\", r(6, 2, 3))", () -> Torch.einsum("ij->", r(6, 2, 3)),
                    "tensor(15.)"),
            c("column sums  |  torch.einsum(\"ij->j\", r(6, 2, 3))", () -> Torch.einsum("ij->j", r(6, 2, 3)),
                    "tensor([3., 5., 7.])"),
            c("diagonal of a 3-D tensor  |  torch.einsum(\"iij->j\", r(12, 2, 2, 3))", () -> Torch.einsum("iij->j", r(12, 2, 2, 3)),
                    "tensor([ 9., 11., 13.])"),
            c("diagonal kept and permuted  |  torch.einsum(\"iij->ji\", r(12, 2, 2, 3))", () -> Torch.einsum("iij->ji", r(12, 2, 2, 3)),
                    "tensor([[ 0.,  9.],\n        [ 1., 10.],\n        [ 2., 11.]])"),
            c("triple diagonal  |  torch.einsum(\"iii->i\", r(8, 2, 2, 2))", () -> Torch.einsum("iii->i", r(8, 2, 2, 2)),
                    "tensor([0., 7.])"),
            c("repeated label around an ellipsis  |  torch.einsum(\"i...i\", r(18, 3, 2, 3))", () -> Torch.einsum("i...i", r(18, 3, 2, 3)),
                    "tensor([21., 30.])"),
            c("batched diagonal with an ellipsis  |  torch.einsum(\"...ii->...i\", r(18, 2, 3, 3))", () -> Torch.einsum("...ii->...i", r(18, 2, 3, 3)),
                    "tensor([[ 0.,  4.,  8.],\n        [ 9., 13., 17.]])"),
            c("three operands  |  torch.einsum(\"bn,anm,bm->ba\", r(6, 2, 3), r(24, 2, 3, 4), r(8, 2, 4))", () -> Torch.einsum("bn,anm,bm->ba", r(6, 2, 3), r(24, 2, 3, 4), r(8, 2, 4)),
                    "tensor([[ 162.,  378.],\n        [1688., 4856.]])"),
            c("three vectors  |  torch.einsum(\"i,i,i->\", r(3, 3), r(3, 3), r(3, 3))", () -> Torch.einsum("i,i,i->", r(3, 3), r(3, 3), r(3, 3)),
                    "tensor(9.)"),
            c("chain of three matrices  |  torch.einsum(\"ij,jk,kl->il\", r(6, 2, 3), r(12, 3, 4), torch.ones(4, 2))", () -> Torch.einsum("ij,jk,kl->il", r(6, 2, 3), r(12, 3, 4), Torch.ones(4, 2)),
                    "tensor([[ 98.,  98.],\n        [296., 296.]])"),
            c("a size-1 label broadcasts  |  torch.einsum(\"i,i->i\", r(2, 2), torch.ones(1))", () -> Torch.einsum("i,i->i", r(2, 2), Torch.ones(1)),
                    "tensor([0., 1.])"),
            c("a size-1 label broadcasts in a sum  |  torch.einsum(\"i,i->\", r(2, 2), torch.ones(1))", () -> Torch.einsum("i,i->", r(2, 2), Torch.ones(1)),
                    "tensor(1.)"),
            c("ellipsis only  |  torch.einsum(\"...,...->...\", r(3, 3), torch.ones(2, 3))", () -> Torch.einsum("...,...->...", r(3, 3), Torch.ones(2, 3)),
                    "tensor([[0., 1., 2.],\n        [0., 1., 2.]])"),
            c("ellipsis in the middle of the output  |  torch.einsum(\"i...->...i\", r(6, 2, 3))", () -> Torch.einsum("i...->...i", r(6, 2, 3)),
                    "tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]])"),
            c("ellipsis in the output without one in the inputs  |  torch.einsum(\"ab->a...\", torch.ones(2, 3))", () -> Torch.einsum("ab->a...", Torch.ones(2, 3)),
                    "tensor([3., 3.])"),
            c("elementwise product  |  torch.einsum(\"ij,ij->ij\", r(6, 2, 3), r(6, 2, 3))", () -> Torch.einsum("ij,ij->ij", r(6, 2, 3), r(6, 2, 3)),
                    "tensor([[ 0.,  1.,  4.],\n        [ 9., 16., 25.]])"),
            c("uppercase labels sort first  |  torch.einsum(\"Ab,ba\", r(6, 2, 3), r(6, 3, 2))", () -> Torch.einsum("Ab,ba", r(6, 2, 3), r(6, 3, 2)),
                    "tensor([[10., 13.],\n        [28., 40.]])"),
            c("spaces are ignored  |  torch.einsum(\" i j -> j i \", r(6, 2, 3))", () -> Torch.einsum(" i j -> j i ", r(6, 2, 3)),
                    "tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]])"),
            c("a 0-dim operand  |  torch.einsum(\"\", S(3.))", () -> Torch.einsum("", S(3.0)),
                    "tensor(3.)"),
            c("int64 matrix product  |  torch.einsum(\"ij,jk->ik\", ri(6, 2, 3), ri(12, 3, 4))", () -> Torch.einsum("ij,jk->ik", ri(6, 2, 3), ri(12, 3, 4)),
                    "tensor([[20, 23, 26, 29],\n        [56, 68, 80, 92]])"),
            c("int64 dot product  |  torch.einsum(\"i,i\", ri(3, 3), ri(3, 3))", () -> Torch.einsum("i,i", ri(3, 3), ri(3, 3)),
                    "tensor(5)"),
            c("bool sum  |  torch.einsum(\"i->\", B(1, 1, 0))", () -> Torch.einsum("i->", B(1, 1, 0)),
                    "tensor(2)"),
            c("outer product promotes dtypes  |  torch.einsum(\"a,b->ab\", torch.ones(2), torch.ones(3, dtype=torch.float64))", () -> Torch.einsum("a,b->ab", Torch.ones(2), Torch.ones(new long[]{3}, DType.FLOAT64)),
                    "tensor([[1., 1., 1.],\n        [1., 1., 1.]], dtype=torch.float64)"),
            c("double precision contraction  |  torch.einsum(\"ij,j->i\", r(6, 2, 3).double(), r(3, 3).double())", () -> Torch.einsum("ij,j->i", r(6, 2, 3).double_(), r(3, 3).double_()),
                    "tensor([ 5., 14.], dtype=torch.float64)")
        );
    }
}
