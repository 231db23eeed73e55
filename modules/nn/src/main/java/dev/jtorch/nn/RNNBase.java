package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share, as PyTorch's {@code nn.RNNBase}: the configuration,
 * the parameters {@code weight_ih_l<k>[_reverse]}, {@code weight_hh_l<k>[_reverse]}, {@code bias_ih_l<k>[_reverse]},
 * {@code bias_hh_l<k>[_reverse]} (PyTorch's names, shapes and order, so its state dicts load), their default
 * initialisation U(-1/√hidden, 1/√hidden), the input and state checks, and the run over layers and directions.
 */
public abstract class RNNBase extends Module {
    private final RecurrentMode mode;
    private final long inputSize;
    private final long hiddenSize;
    private final int numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;

    RNNBase(RecurrentMode mode, long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst,
            double dropout, boolean bidirectional) {
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("dropout should be a number in range [0, 1] representing the "
                    + "probability of an element being zeroed");
        }
        if (inputSize < 0) throw new IllegalArgumentException("input_size must be non-negative, got " + inputSize);
        if (hiddenSize <= 0) throw new IllegalArgumentException("hidden_size must be greater than zero, got " + hiddenSize);
        if (numLayers <= 0) throw new IllegalArgumentException("num_layers must be greater than zero, got " + numLayers);
        this.mode = mode;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        int directions = bidirectional ? 2 : 1;
        long gateSize = mode.gates * hiddenSize;
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (int layer = 0; layer < numLayers; layer++) {
            long layerInput = layer == 0 ? inputSize : hiddenSize * directions;
            for (int direction = 0; direction < directions; direction++) {
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                registerParameter("weight_ih" + suffix, uniform(bound, gateSize, layerInput));
                registerParameter("weight_hh" + suffix, uniform(bound, gateSize, hiddenSize));
                if (bias) {
                    registerParameter("bias_ih" + suffix, uniform(bound, gateSize));
                    registerParameter("bias_hh" + suffix, uniform(bound, gateSize));
                }
            }
        }
    }

    private static Tensor uniform(double bound, long... shape) {
        return Torch.zeros(shape).uniform_(-bound, bound);
    }

    public long inputSize() { return inputSize; }

    public long hiddenSize() { return hiddenSize; }

    public int numLayers() { return numLayers; }

    public boolean bias() { return bias; }

    public boolean batchFirst() { return batchFirst; }

    public double dropout() { return dropout; }

    public boolean bidirectional() { return bidirectional; }

    /** The parameters of each (layer, direction), looked up by name so that replaced tensors are seen. */
    private List<RecurrentStack.Weights> weights() {
        int directions = bidirectional ? 2 : 1;
        List<RecurrentStack.Weights> out = new ArrayList<>();
        for (int layer = 0; layer < numLayers; layer++) {
            for (int direction = 0; direction < directions; direction++) {
                String suffix = "_l" + layer + (direction == 1 ? "_reverse" : "");
                out.add(new RecurrentStack.Weights(getParameter("weight_ih" + suffix), getParameter("weight_hh" + suffix),
                        bias ? getParameter("bias_ih" + suffix) : null, bias ? getParameter("bias_hh" + suffix) : null));
            }
        }
        return out;
    }

    /**
     * Checks the input and the initial states, runs the stack and shapes the results back as the input came
     * (batch-first or not, batched or not). {@code c0} is only for an LSTM; missing states start at zero.
     */
    RecurrentStack.Result runLayers(Tensor input, Tensor h0, Tensor c0) {
        boolean lstm = mode == RecurrentMode.LSTM;
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException(typeName() + ": Expected input to be 2-D or 3-D but received "
                    + input.dim() + "-D tensor");
        }
        boolean batched = input.dim() == 3;
        if (input.size(-1) != inputSize) {
            throw new IllegalArgumentException("input.size(-1) must be equal to input_size. Expected " + inputSize
                    + ", got " + input.size(-1));
        }
        if (lstm && (h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("LSTM: give both h_0 and c_0, or neither");
        }
        int stateDim = batched ? 3 : 2;
        if (h0 != null && (h0.dim() != stateDim || (c0 != null && c0.dim() != stateDim))) {
            String which = batched ? "For batched 3-D input" : "For unbatched 2-D input";
            throw new IllegalArgumentException(lstm
                    ? which + ", hx and cx should also be " + stateDim + "-D but got (" + h0.dim() + "-D, " + c0.dim() + "-D) tensors"
                    : which + ", hx should also be " + stateDim + "-D but got " + h0.dim() + "-D tensor");
        }
        Tensor seq = batched ? (batchFirst ? input.transpose(0, 1) : input) : input.unsqueeze(1);
        if (h0 != null && !batched) {
            h0 = h0.unsqueeze(1);
            if (c0 != null) c0 = c0.unsqueeze(1);
        }
        long batch = seq.size(1);
        long[] expected = {(long) numLayers * (bidirectional ? 2 : 1), batch, hiddenSize};
        if (h0 == null) {
            h0 = Torch.zeros(expected, input.dtype());
            if (lstm) c0 = Torch.zeros(expected, input.dtype());
        } else {
            checkState(h0, expected, lstm ? "Expected hidden[0] size " : "Expected hidden size ");
            if (lstm) checkState(c0, expected, "Expected hidden[1] size ");
        }
        RecurrentStack.Result r = RecurrentStack.run(mode, seq, h0, c0, weights(), numLayers, bidirectional, dropout,
                isTraining());
        Tensor output = r.output();
        Tensor hN = r.hN();
        Tensor cN = r.cN();
        if (!batched) {
            output = output.squeeze(1);
            hN = hN.squeeze(1);
            if (cN != null) cN = cN.squeeze(1);
        } else if (batchFirst) {
            output = output.transpose(0, 1);
        }
        return new RecurrentStack.Result(output, hN, cN);
    }

    private static void checkState(Tensor state, long[] expected, String message) {
        if (!Arrays.equals(state.shape().toArray(), expected)) {
            throw new IllegalArgumentException(message + "(" + expected[0] + ", " + expected[1] + ", " + expected[2]
                    + "), got " + Arrays.toString(state.shape().toArray()));
        }
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (numLayers != 1) s.append(", num_layers=").append(numLayers);
        if (!bias) s.append(", bias=False");
        if (batchFirst) s.append(", batch_first=True");
        if (dropout != 0) s.append(", dropout=").append(PyRepr.pyFloat(dropout));
        if (bidirectional) s.append(", bidirectional=True");
        return s.toString();
    }
}
