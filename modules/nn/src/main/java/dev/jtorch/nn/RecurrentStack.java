package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a stack of recurrent layers over a sequence-first input (T, N, I), both directions when asked,
 * with dropout on the outputs of every layer but the last (PyTorch's {@code dropout} argument).
 * Each layer projects its whole input with one matrix product, then steps through time.
 */
final class RecurrentStack {
    private RecurrentStack() {}

    /** Weights of one (layer, direction); biases may be null. */
    record Weights(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {}

    /** output (T, N, D·H), hN (L·D, N, H) and, for an LSTM, cN (else null). */
    record Result(Tensor output, Tensor hN, Tensor cN) {}

    /**
     * @param weights indexed by {@code layer * directions + direction}, as PyTorch's {@code _flat_weights}
     * @param h0      (L·D, N, H), never null
     * @param c0      (L·D, N, H) for an LSTM, else null
     */
    static Result run(RecurrentMode mode, Tensor input, Tensor h0, Tensor c0, List<Weights> weights, int numLayers,
                      boolean bidirectional, double dropout, boolean training) {
        int directions = bidirectional ? 2 : 1;
        long steps = input.size(0);
        Tensor layerInput = input;
        List<Tensor> hLast = new ArrayList<>();
        List<Tensor> cLast = new ArrayList<>();
        for (int layer = 0; layer < numLayers; layer++) {
            List<Tensor> directionOutputs = new ArrayList<>();
            for (int direction = 0; direction < directions; direction++) {
                int index = layer * directions + direction;
                Weights w = weights.get(index);
                Tensor projected = RecurrentCells.project(layerInput, w.weightIh(), w.biasIh());
                Tensor h = h0.select(0, index);
                Tensor c = c0 == null ? null : c0.select(0, index);
                Tensor[] outputs = new Tensor[(int) steps];
                for (int i = 0; i < steps; i++) {
                    int t = direction == 0 ? i : (int) steps - 1 - i;
                    Tensor x = projected.select(0, t);
                    switch (mode) {
                        case RNN_TANH -> h = RecurrentCells.rnn(x, h, w.weightHh(), w.biasHh(), false);
                        case RNN_RELU -> h = RecurrentCells.rnn(x, h, w.weightHh(), w.biasHh(), true);
                        case GRU -> h = RecurrentCells.gru(x, h, w.weightHh(), w.biasHh());
                        case LSTM -> {
                            Tensor[] hc = RecurrentCells.lstm(x, h, c, w.weightHh(), w.biasHh());
                            h = hc[0];
                            c = hc[1];
                        }
                    }
                    outputs[t] = h;
                }
                directionOutputs.add(Torch.stack(outputs, 0));
                hLast.add(h);
                if (c != null) cLast.add(c);
            }
            layerInput = directions == 1 ? directionOutputs.get(0) : Torch.cat(directionOutputs, 2);
            if (dropout > 0 && training && layer < numLayers - 1) {
                layerInput = F.dropout(layerInput, dropout, true);
            }
        }
        Tensor hN = Torch.stack(hLast, 0);
        Tensor cN = c0 == null ? null : Torch.stack(cLast, 0);
        return new Result(layerInput, hN, cN);
    }
}
