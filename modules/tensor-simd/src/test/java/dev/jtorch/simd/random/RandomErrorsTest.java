package dev.jtorch.simd.random;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad arguments fail with PyTorch 1.13's messages, before any number is drawn or written. */
class RandomErrorsTest {

    private static void fails(String message, Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertEquals(message, e.getMessage());
    }

    @Test
    void floatingOnlyDistributionsRejectOtherDtypes() {
        fails("\"check_uniform_bounds\" not implemented for 'Long'", () -> Torch.rand(new long[]{3}, DType.INT64));
        fails("\"check_uniform_bounds\" not implemented for 'Bool'", () -> Torch.rand(new long[]{3}, DType.BOOL));
        fails("\"normal_kernel_cpu\" not implemented for 'Int'", () -> Torch.randn(new long[]{3}, DType.INT32));
        fails("\"normal_kernel_cpu\" not implemented for 'Long'", () -> Torch.zeros(new long[]{3}, DType.INT64).normal_());
        fails("\"bernoulli_tensor_cpu_p_\" not implemented for 'Long'", () -> Torch.bernoulli(Torch.tensor(1L, 0L)));
        fails("\"bernoulli_tensor_cpu_self_\" not implemented for 'Half'", () -> Torch.bernoulli(Torch.tensor(new double[]{0.5}, DType.FLOAT16)));
        fails("\"bernoulli_scalar_cpu_\" not implemented for 'Half'", () -> Torch.zeros(new long[]{3}, DType.FLOAT16).bernoulli_(0.5));
        fails("\"randperm\" not implemented for 'Bool'", () -> Torch.randperm(5, DType.BOOL, new Generator()));
        fails("n cannot be greater than 2049 for Half type.", () -> Torch.randperm(3000, DType.FLOAT16, new Generator()));
        fails("value cannot be converted to type uint8_t without overflow", () -> Torch.randperm(257, DType.UINT8, new Generator()));
        fails("value cannot be converted to type int16_t without overflow", () -> Torch.randperm(70000, DType.INT16, new Generator()));
    }

    @Test
    void boundsAndParameters() {
        fails("uniform_ expects to return a [from, to) range, but found from=2.5 > to=1.25", () -> Torch.zeros(3).uniform_(2.5, 1.25));
        fails("uniform_ expects to return a [from, to) range, but found from=1e-10 > to=1e-11", () -> Torch.zeros(3).uniform_(1e-10, 1e-11));
        fails("uniform_ expects to return a [from, to) range, but found from=1.23457e+06 > to=2", () -> Torch.zeros(3).uniform_(1234567.0, 2.0));
        fails("uniform_ expects to-from <= std::numeric_limits<Float>::max(), but found to=3e+38 and from=-3e+38 which result in to-from "
                + "to exceed the limit", () -> Torch.zeros(3).uniform_(-3e38, 3e38));
        fails("from is out of bounds for c10::Half", () -> Torch.zeros(new long[]{3}, DType.FLOAT16).uniform_(-1e5, 1e5));
        fails("normal expects std >= 0.0, but found std -0.5", () -> Torch.zeros(3).normal_(0, -0.5));
        fails("normal expects std >= 0.0, but found std -1", () -> Torch.normal(0, -1, 3));
        fails("bernoulli_ expects p to be in [0, 1], but got p=1.5", () -> Torch.zeros(3).bernoulli_(1.5));
        fails("bernoulli_ expects p to be in [0, 1], but got p=nan", () -> Torch.zeros(3).bernoulli_(Double.NaN));
        fails("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report "
                + "an enhancement request to PyTorch.)", () -> Torch.bernoulli(Torch.tensor(0.5, 1.5)));
    }

    @Test
    void integerRanges() {
        fails("random_ expects 'from' to be less than 'to', but got from=5 >= to=5", () -> Torch.randint(5, 5, 3));
        fails("random_ expects 'from' to be less than 'to', but got from=5 >= to=2", () -> Torch.zeros(3).random_(5, 2));
        fails("to - 1 is out of bounds for unsigned char", () -> Torch.randint(0, 300, new long[]{3}, DType.UINT8, new Generator()));
        fails("from is out of bounds for signed char", () -> Torch.randint(-100000, 100000, new long[]{3}, DType.INT8, new Generator()));
        fails("from is out of bounds for short int", () -> Torch.randint(-100000, 100000, new long[]{3}, DType.INT16, new Generator()));
        fails("from is out of bounds for bool", () -> Torch.randint(-1, 1, new long[]{3}, DType.BOOL, new Generator()));
        fails("to - 1 is out of bounds for signed char", () -> Torch.zeros(new long[]{3}, DType.INT8).random_(0, 200));
        fails("Trying to create tensor with negative dimension -1: [-1]", () -> Torch.randperm(-1));
        fails("Trying to create tensor with negative dimension -2: [3, -2]", () -> Torch.rand(3, -2));
    }

    @Test
    void overlappingAndLeafTensorsCannotBeFilled() {
        String overlap = "unsupported operation: more than one element of the written-to tensor refers to a single memory location. "
                + "Please clone() the tensor before performing the operation.";
        fails(overlap, () -> Torch.zeros(1).expand(3).uniform_(0, 1));
        fails(overlap, () -> Torch.zeros(1).expand(3).normal_());
        fails(overlap, () -> Torch.zeros(1).expand(3).bernoulli_(0.5));
        Tensor leaf = Torch.zeros(2).requiresGrad_();
        fails("a leaf Variable that requires grad is being used in an in-place operation.", () -> leaf.uniform_());
    }

    @Test
    void aFailedCallDrawsNothing() {
        Generator g = new Generator(5);
        Tensor x = Torch.tensor(new float[]{7, 8, 9});
        assertThrows(IllegalArgumentException.class, () -> x.uniform_(3, 1, g));
        assertThrows(IllegalArgumentException.class, () -> Torch.bernoulli(Torch.tensor(0.5, -0.5), g));
        assertArrayEquals(new float[]{7, 8, 9}, x.toFloatArray());
        assertArrayEquals(Torch.rand(new long[]{4}, DType.FLOAT32, new Generator(5)).toFloatArray(), Torch.rand(new long[]{4}, DType.FLOAT32, g).toFloatArray());
        assertEquals(0, x.version());
    }
}
