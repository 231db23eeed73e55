package dev.jtorch.simd.indexing;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;

import static dev.jtorch.simd.indexing.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Basic indexing returns views (PyTorch's strides and storage offsets), advanced indexing returns
 * copies, and writes bump the version counter once, as {@code tensor._version} does in PyTorch 1.13.
 */
class IndexViewsTest {

    private static void assertLayout(Tensor v, long[] shape, long[] stride, long offset) {
        assertArrayEquals(shape, v.shape().toArray(), "shape");
        assertArrayEquals(stride, v.stride(), "stride");
        assertEquals(offset, v.storageOffset(), "storage offset");
    }

    @Test
    void basicIndexingGivesViewsWithPyTorchsLayout() {
        Tensor y = y(), x = x();
        // y[1:3, ::2].stride() == (4, 2), storage_offset() == 4
        assertLayout(y.get("1:3, ::2"), new long[]{2, 2}, new long[]{4, 2}, 4);
        // x[..., None].stride() == (12, 4, 1, 1)
        assertLayout(x.get("..., None"), new long[]{2, 3, 4, 1}, new long[]{12, 4, 1, 1}, 0);
        // x[None, 1].stride() == (24, 4, 1), storage_offset() == 12
        assertLayout(x.get("None, 1"), new long[]{1, 3, 4}, new long[]{24, 4, 1}, 12);
        // x[:, -1, 1:].stride() == (12, 1), storage_offset() == 9
        assertLayout(x.get(":, -1, 1:"), new long[]{2, 3}, new long[]{12, 1}, 9);
        // y.t()[1:, 2].stride() == (1,), storage_offset() == 9
        assertLayout(y.t().get("1:, 2"), new long[]{3}, new long[]{1}, 9);
    }

    @Test
    void viewsShareStorageAndAdvancedResultsDoNot() {
        Tensor y = y();
        Tensor view = y.get("1:3, ::2");
        Tensor copy = y.get("[1, 2]");
        assertSame(y.untypedStorage(), view.untypedStorage());
        assertNotSame(y.untypedStorage(), copy.untypedStorage());
        view.fill_(-1.0);
        copy.fill_(100.0);
        // y[1:3, ::2] = -1 in PyTorch 1.13
        assertEquals("tensor([[ 0.,  1.,  2.,  3.],\n        [-1.,  5., -1.,  7.],\n        [-1.,  9., -1., 11.]])",
                y.toString());
    }

    @Test
    void emptyIndexIsANewViewOfTheSameData() {
        Tensor y = y();
        Tensor all = y.get("");
        Tensor dots = y.get("...");
        assertNotSame(y, all);
        assertNotSame(y, dots);
        assertSame(y.untypedStorage(), all.untypedStorage());
        assertLayout(dots, new long[]{3, 4}, new long[]{4, 1}, 0);
    }

    @Test
    void writesBumpTheVersionOncePerWrite() {
        Tensor y = y();
        y.set("0", 1.0);
        assertEquals(1, y.version()); // y[0] = 1        -> y._version == 1
        y.set("[0]", 2.0);
        assertEquals(2, y.version()); // y[[0]] = 2      -> 2
        y.set(new Object[]{y.gt(5.0)}, 0.0);
        assertEquals(3, y.version()); // y[y > 5] = 0    -> 3
        Tensor z = Torch.zeros(5);
        z.indexPut_(new Tensor[]{L(0)}, S(1.0), false);
        assertEquals(1, z.version());
        z.scatter_(0, L(1), 2.0);
        assertEquals(2, z.version());
        z.maskedFill_(z.gt(0.0), 3.0);
        assertEquals(3, z.version());
        Tensor w = Torch.zeros(3, 4);
        w.t().set("[0]", 1.0);
        assertEquals(1, w.version()); // w.t()[[0]] = 1. -> w._version == 1
    }

    @Test
    void writeThroughAViewReachesTheBase() {
        Tensor x = x();
        Tensor inner = x.get("1");
        inner.set("[0, 2], 1:3", -5.0);
        // x[1][[0, 2], 1:3] = -5 in PyTorch 1.13
        assertEquals("tensor([[12, -5, -5, 15],\n        [16, 17, 18, 19],\n        [20, -5, -5, 23]])",
                x.get("1").toString());
        assertEquals(1, x.version());
    }

    @Test
    void valueAliasingTheTargetIsReadBeforeWriting() {
        Tensor y = y();
        y.set("[1, 2]", y.get("0:2"));
        // PyTorch 1.13 refuses this overlap ("unsupported operation: some elements of the input tensor and the
        // written-to tensor refer to a single memory location"); jtorch reads the value first, which gives
        // y[[1, 2]] = y[0:2].clone() in PyTorch 1.13:
        assertEquals("tensor([[0., 1., 2., 3.],\n        [0., 1., 2., 3.],\n        [4., 5., 6., 7.]])", y.toString());
        Tensor a = a();
        a.set("1:", a.get("0:1"));
        assertEquals("tensor([[0., 1., 2.],\n        [0., 1., 2.]])", a.toString()); // a[1:] = a[0:1]
    }
}
