package dev.jtorch.simd.indexing;

import dev.jtorch.DType;
import dev.jtorch.Index;
import dev.jtorch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.jtorch.simd.indexing.Fixtures.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link Index#parse} (Python's subscript notation) and {@link Index#of} (Java values). */
class IndexParseTest {

    private static Index sl(Long start, Long stop, long step) { return Index.slice(start, stop, step); }

    @Test
    void pythonNotation() {
        assertEquals(List.of(Index.ALL, Index.at(1)), Index.parse(":, 1"));
        assertEquals(List.of(Index.at(0), Index.ALL), Index.parse("0, :"));
        assertEquals(List.of(sl(1L, 3L, 1), sl(null, null, 2)), Index.parse("1:3, ::2"));
        assertEquals(List.of(Index.ELLIPSIS, Index.NONE), Index.parse("..., None"));
        assertEquals(List.of(Index.at(-1)), Index.parse("-1"));
        assertEquals(List.of(sl(null, -1L, 1), sl(-3L, null, 1)), Index.parse(":-1, -3:"));
        assertEquals(List.of(sl(null, null, 1)), Index.parse("::"));
        assertEquals(List.of(), Index.parse(""));
        assertEquals(List.of(), Index.parse("   "));
        assertEquals(List.of(Index.at(2)), Index.parse("2,"));
    }

    @Test
    void whitespaceIsFree() {
        assertEquals(Index.parse("1:3,::2"), Index.parse("  1 : 3 ,\t: : 2  "));
        assertEquals(List.of(Index.at(-2), Index.ELLIPSIS), Index.parse(" - 2 , ... "));
        assertEquals(List.of(sl(1L, null, 1)), Index.parse("+1:"));
    }

    @Test
    void listsBecomeIndexTensors() {
        List<Index> idx = Index.parse("[0, 2], [[1, -1], [0, 0]], [True, False], []");
        assertEquals(4, idx.size());
        Tensor rows = ((Index.TensorIndex) idx.get(0)).tensor();
        Tensor grid = ((Index.TensorIndex) idx.get(1)).tensor();
        Tensor mask = ((Index.TensorIndex) idx.get(2)).tensor();
        Tensor empty = ((Index.TensorIndex) idx.get(3)).tensor();
        assertEquals(DType.INT64, rows.dtype());
        assertArrayEquals(new long[]{2}, rows.shape().toArray());
        assertEquals("tensor([0, 2])", rows.toString());
        assertArrayEquals(new long[]{2, 2}, grid.shape().toArray());
        assertEquals("tensor([[ 1, -1],\n        [ 0,  0]])", grid.toString());
        assertEquals(DType.BOOL, mask.dtype());
        assertEquals("tensor([ True, False])", mask.toString());
        assertArrayEquals(new long[]{0}, empty.shape().toArray());
        assertEquals(DType.INT64, empty.dtype());
    }

    @Test
    void trueAndFalseAre0DimMasks() {
        Tensor t = ((Index.TensorIndex) Index.parse("True").get(0)).tensor();
        assertEquals(DType.BOOL, t.dtype());
        assertEquals(0, t.dim());
        assertEquals("tensor(False)", ((Index.TensorIndex) Index.parse("False").get(0)).tensor().toString());
    }

    @Test
    void badSteps() {
        // PyTorch: ValueError: step must be greater than zero / slice step cannot be zero
        assertFails(IllegalArgumentException.class, "step must be greater than zero", () -> Index.parse("::-1"));
        assertFails(IllegalArgumentException.class, "slice step cannot be zero", () -> Index.parse("1:2:0"));
        assertFails(IllegalArgumentException.class, "step must be greater than zero", () -> Index.slice(null, null, -1));
    }

    @Test
    void junkIsRejectedWithItsPosition() {
        assertFails(IllegalArgumentException.class,
                "invalid index \"a\": expected an integer, a slice, '...', None, True, False or a [list] at position 0 but found 'a'",
                () -> Index.parse("a"));
        assertFails(IllegalArgumentException.class,
                "invalid index \"1 2\": expected ',' at position 2 but found '2'", () -> Index.parse("1 2"));
        assertFails(IllegalArgumentException.class,
                "invalid index \"1:2:3:4\": expected ',' at position 5 but found ':'", () -> Index.parse("1:2:3:4"));
        assertFails(IllegalArgumentException.class,
                "invalid index \"0,,1\": expected an integer, a slice, '...', None, True, False or a [list] at position 2 but found ','",
                () -> Index.parse("0,,1"));
        assertFails(IllegalArgumentException.class,
                "invalid index \"..\": expected an integer, a slice, '...', None, True, False or a [list] at position 0 but found '.'",
                () -> Index.parse(".."));
        assertFails(IllegalArgumentException.class,
                "invalid index \"Nonesuch\": expected an integer, a slice, '...', None, True, False or a [list] at position 0 but found 'N'",
                () -> Index.parse("Nonesuch"));
        assertFails(IllegalArgumentException.class,
                "invalid index \"-\": expected digits after the sign at position 1 but found the end", () -> Index.parse("-"));
        assertFails(IllegalArgumentException.class,
                "invalid index \"99999999999999999999\": expected an integer that fits in 64 bits at position 0 but found '9'",
                () -> Index.parse("99999999999999999999"));
        assertFails(IllegalArgumentException.class,
                "invalid index \"[0, [1]]\": expected a list of equal-length lists (the list is ragged) at position 0 but found '['",
                () -> Index.parse("[0, [1]]"));
        assertFails(IllegalArgumentException.class,
                "invalid index \"[1, True]\": expected a list of only integers or only True/False at position 0 but found '['",
                () -> Index.parse("[1, True]"));
        assertFails(IllegalArgumentException.class,
                "invalid index \"[1, 2\": expected ',' or ']' at position 5 but found the end", () -> Index.parse("[1, 2"));
    }

    @Test
    void javaValues() {
        Tensor t = Fixtures.L(1, 2);
        List<Index> idx = Index.of(1, 2L, (short) 3, (byte) 4, null, Index.ELLIPSIS, t, "1:, ::2");
        assertEquals(List.of(Index.at(1), Index.at(2), Index.at(3), Index.at(4), Index.NONE, Index.ELLIPSIS),
                idx.subList(0, 6));
        assertSame(t, ((Index.TensorIndex) idx.get(6)).tensor());
        assertEquals(List.of(sl(1L, null, 1), sl(null, null, 2)), idx.subList(7, 9));
        Tensor fromLongs = ((Index.TensorIndex) Index.of((Object) new long[]{3, 1}).get(0)).tensor();
        assertEquals("tensor([3, 1])", fromLongs.toString());
        Tensor fromInts = ((Index.TensorIndex) Index.of((Object) new int[]{0}).get(0)).tensor();
        assertEquals(DType.INT64, fromInts.dtype());
        Tensor fromBools = ((Index.TensorIndex) Index.of((Object) new boolean[]{true, false}).get(0)).tensor();
        assertEquals("tensor([ True, False])", fromBools.toString());
        Index fromBoolean = Index.of(true).get(0);
        assertInstanceOf(Index.TensorIndex.class, fromBoolean);
    }

    @Test
    void unsupportedJavaValues() {
        assertFails(IllegalArgumentException.class, "unsupported index of type java.lang.Double at position 1: expected an"
                        + " integer, an Index, a Tensor, long[]/int[]/boolean[], a Boolean, a String or null (None)",
                () -> Index.of(0, 1.5));
    }
}
