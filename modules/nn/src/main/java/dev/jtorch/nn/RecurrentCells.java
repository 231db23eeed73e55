package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

import java.util.List;

/**
 * One time step of each recurrent cell, as PyTorch's {@code _VF.rnn_tanh_cell}, {@code lstm_cell} and
 * {@code gru_cell}. The input projection {@code x·W_ihᵀ + b_ih} comes in precomputed so that a whole
 * sequence can project its inputs with one matrix product; gate order is PyTorch's (LSTM: i, f, g, o;
 * GRU: r, z, n), so its weights load unchanged.
 */
final class RecurrentCells {
    private RecurrentCells() {}

    static Tensor project(Tensor x, Tensor weight, Tensor bias) {
        return F.linear(x, weight, bias);
    }

    /** h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh), or relu instead of tanh. */
    static Tensor rnn(Tensor inputProj, Tensor h, Tensor weightHh, Tensor biasHh, boolean relu) {
        Tensor pre = inputProj.add(project(h, weightHh, biasHh));
        return relu ? pre.relu() : pre.tanh();
    }

    /** Returns {h', c'}. */
    static Tensor[] lstm(Tensor inputProj, Tensor h, Tensor c, Tensor weightHh, Tensor biasHh) {
        Tensor gates = inputProj.add(project(h, weightHh, biasHh));
        List<Tensor> g = gates.chunk(4, -1);
        Tensor input = g.get(0).sigmoid();
        Tensor forget = g.get(1).sigmoid();
        Tensor cell = g.get(2).tanh();
        Tensor output = g.get(3).sigmoid();
        Tensor cNext = forget.mul(c).add(input.mul(cell));
        Tensor hNext = output.mul(cNext.tanh());
        return new Tensor[]{hNext, cNext};
    }

    /** r and z from both projections; n = tanh(x_n + r·(h·W_hnᵀ + b_hn)); h' = (1-z)·n + z·h. */
    static Tensor gru(Tensor inputProj, Tensor h, Tensor weightHh, Tensor biasHh) {
        List<Tensor> gi = inputProj.chunk(3, -1);
        List<Tensor> gh = project(h, weightHh, biasHh).chunk(3, -1);
        Tensor reset = gi.get(0).add(gh.get(0)).sigmoid();
        Tensor update = gi.get(1).add(gh.get(1)).sigmoid();
        Tensor candidate = gi.get(2).add(reset.mul(gh.get(2))).tanh();
        return candidate.add(update.mul(h.sub(candidate)));
    }
}
