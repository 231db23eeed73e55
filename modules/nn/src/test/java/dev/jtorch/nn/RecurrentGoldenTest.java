package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.RnnGolden;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.jtorch.nn.functional.RnnGolden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RNN, LSTM, GRU and the cells against PyTorch 1.13 (tools/golden/gen_rnn_attention_fixtures.py): the PyTorch
 * state dict loads strictly by name, then outputs and the gradients of a scalar loss w.r.t. the inputs, the
 * initial states and every parameter agree.
 */
class RecurrentGoldenTest {
    private static final double TOL = 2e-5;

    /** Checks outputs, backpropagates the golden loss and checks the gradients of the inputs and every parameter. */
    private static void check(RnnGolden g, Module m, Map<String, Tensor> outputs, Map<String, Tensor> inputs) {
        outputs.forEach((k, v) -> assertClose(g.output(k), v, TOL, k));
        g.loss(outputs).backward();
        inputs.forEach((k, v) -> assertClose(g.inputGrad(k), v.grad(), TOL, "grad " + k));
        for (var p : m.namedParameters().entrySet()) {
            assertClose(g.parameterGrad(p.getKey()), p.getValue().grad(), TOL, "grad of " + p.getKey());
        }
        assertEquals(g.parameters().keySet(), m.stateDict().keySet());
    }

    private static Map<String, Tensor> outs(Object... kv) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Tensor) kv[i + 1]);
        return m;
    }

    @Test
    void rnnTanhTwoLayersWithInitialState() {
        RnnGolden g = RnnGolden.load("rnn_tanh_2layers");
        RNN m = new RNN(3, 4, 2);
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        Tensor h0 = g.input("h0");
        RnnOutput r = m.forward(x, h0);
        check(g, m, outs("output", r.output(), "h_n", r.hN()), outs("input", x, "h0", h0));
    }

    @Test
    void rnnReluBidirectionalBatchFirst() {
        RnnGolden g = RnnGolden.load("rnn_relu_bidirectional_batch_first");
        RNN m = new RNN(3, 4, 1, "relu", true, true, 0.0, true);
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        RnnOutput r = m.forward(x, null);
        check(g, m, outs("output", r.output(), "h_n", r.hN()), outs("input", x));
    }

    @Test
    void lstmTwoLayersBidirectional() {
        RnnGolden g = RnnGolden.load("lstm_2layers_bidirectional");
        LSTM m = new LSTM(3, 5, 2, true, false, 0.0, true);
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        Tensor h0 = g.input("h0");
        Tensor c0 = g.input("c0");
        LstmOutput r = m.forward(x, h0, c0);
        check(g, m, outs("output", r.output(), "h_n", r.hN(), "c_n", r.cN()), outs("input", x, "h0", h0, "c0", c0));
    }

    @Test
    void lstmBatchFirstWithoutBias() {
        RnnGolden g = RnnGolden.load("lstm_batch_first_no_bias");
        LSTM m = new LSTM(3, 4, 1, false, true, 0.0, false);
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        LstmOutput r = m.forward(x, null, null);
        check(g, m, outs("output", r.output(), "h_n", r.hN(), "c_n", r.cN()), outs("input", x));
    }

    @Test
    void gruTwoLayersBidirectionalBatchFirst() {
        RnnGolden g = RnnGolden.load("gru_2layers_bidirectional_batch_first");
        GRU m = new GRU(3, 4, 2, true, true, 0.0, true);
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        Tensor h0 = g.input("h0");
        RnnOutput r = m.forward(x, h0);
        check(g, m, outs("output", r.output(), "h_n", r.hN()), outs("input", x, "h0", h0));
    }

    @Test
    void gruUnbatched() {
        RnnGolden g = RnnGolden.load("gru_unbatched");
        GRU m = new GRU(3, 4);
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        Tensor h0 = g.input("h0");
        RnnOutput r = m.forward(x, h0);
        check(g, m, outs("output", r.output(), "h_n", r.hN()), outs("input", x, "h0", h0));
    }

    @Test
    void rnnCellTanh() {
        RnnGolden g = RnnGolden.load("rnn_cell_tanh");
        RNNCell m = new RNNCell(4, 5);
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        Tensor h0 = g.input("h0");
        check(g, m, outs("h", m.forward(x, h0)), outs("input", x, "h0", h0));
    }

    @Test
    void rnnCellReluFromZeroState() {
        RnnGolden g = RnnGolden.load("rnn_cell_relu_no_state");
        RNNCell m = new RNNCell(4, 5, true, "relu");
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        check(g, m, outs("h", m.forward(x)), outs("input", x));
    }

    @Test
    void lstmCell() {
        RnnGolden g = RnnGolden.load("lstm_cell");
        LSTMCell m = new LSTMCell(4, 5);
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        Tensor h0 = g.input("h0");
        Tensor c0 = g.input("c0");
        LstmState s = m.forward(x, h0, c0);
        check(g, m, outs("h", s.h(), "c", s.c()), outs("input", x, "h0", h0, "c0", c0));
    }

    @Test
    void gruCellUnbatched() {
        RnnGolden g = RnnGolden.load("gru_cell_unbatched");
        GRUCell m = new GRUCell(4, 5);
        m.loadStateDict(g.parameters());
        Tensor x = g.input("input");
        Tensor h0 = g.input("h0");
        check(g, m, outs("h", m.forward(x, h0)), outs("input", x, "h0", h0));
    }
}
