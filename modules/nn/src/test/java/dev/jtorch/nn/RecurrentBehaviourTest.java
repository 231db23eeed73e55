package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.autograd.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter layout, repr, dropout between layers, checks and a float64 gradcheck of the recurrent layers. */
class RecurrentBehaviourTest {

    @Test
    void parameterNamesAndShapesAsPyTorch() {
        LSTM lstm = new LSTM(3, 5, 2, true, false, 0.0, true);
        List<String> names = List.copyOf(lstm.stateDict().keySet());
        assertEquals(List.of(
                "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"), names);
        assertEquals(Torch.zeros(20, 3).shape(), lstm.getParameter("weight_ih_l0").shape());
        assertEquals(Torch.zeros(20, 10).shape(), lstm.getParameter("weight_ih_l1_reverse").shape());
        assertEquals(Torch.zeros(12, 4).shape(), new GRU(2, 4).getParameter("weight_hh_l0").shape());
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), List.copyOf(new RNN(2, 4, 1, "tanh", false, false, 0, false)
                .stateDict().keySet()));
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"), List.copyOf(new LSTMCell(2, 3).stateDict().keySet()));
    }

    @Test
    void initialisationIsUniformOverOneOverSqrtHidden() {
        GRU gru = new GRU(6, 16, 2);
        double bound = 1 / Math.sqrt(16);
        for (Tensor p : gru.parameters()) {
            assertTrue(p.abs().max().item() <= bound);
            assertTrue(p.requiresGrad());
        }
        assertTrue(gru.getParameter("weight_hh_l1").abs().max().item() > bound * 0.8, "spread over the range");
    }

    @Test
    void reprAsPyTorch() {
        assertEquals("RNN(3, 4, num_layers=2, dropout=0.5)", new RNN(3, 4, 2, "relu", true, false, 0.5, false).toString());
        assertEquals("LSTM(3, 4, bias=False, batch_first=True, bidirectional=True)",
                new LSTM(3, 4, 1, false, true, 0.0, true).toString());
        assertEquals("GRU(3, 4)", new GRU(3, 4).toString());
        assertEquals("RNNCell(3, 4, nonlinearity=relu)", new RNNCell(3, 4, true, "relu").toString());
        assertEquals("GRUCell(3, 4, bias=False)", new GRUCell(3, 4, false).toString());
    }

    @Test
    void dropoutActsBetweenLayersOnlyInTraining() {
        RNN rnn = new RNN(3, 4, 2, "tanh", true, false, 1.0, false);
        Tensor x = Torch.randn(5, 2, 3);
        RnnOutput trained = rnn.forward(x, null);
        // with p = 1 the second layer sees only zeros: its output is a function of its own weights alone
        RNN second = new RNN(4, 4);
        second.getParameter("weight_ih_l0").detach().copy_(rnn.getParameter("weight_ih_l1"));
        second.getParameter("weight_hh_l0").detach().copy_(rnn.getParameter("weight_hh_l1"));
        second.getParameter("bias_ih_l0").detach().copy_(rnn.getParameter("bias_ih_l1"));
        second.getParameter("bias_hh_l0").detach().copy_(rnn.getParameter("bias_hh_l1"));
        Tensor expected = second.forward(Torch.zeros(5, 2, 4));
        assertTrue(expected.allclose(trained.output(), 1e-6, 1e-7));
        rnn.eval();
        Tensor evaluated = rnn.forward(x);
        assertFalse(evaluated.allclose(trained.output(), 1e-3, 1e-3), "no dropout in eval mode");
        assertTrue(evaluated.allclose(rnn.forward(x)), "eval is deterministic");
    }

    @Test
    void hiddenStateOfLastStepEqualsLastOutputForward() {
        LSTM lstm = new LSTM(3, 4, 1, true, true, 0.0, true);
        Tensor x = Torch.randn(2, 5, 3);
        LstmOutput out = lstm.forward(x, null, null);
        // forward direction ends at the last step, reverse direction at the first
        assertTrue(out.hN().get(0).allclose(out.output().get(":, -1, :4")));
        assertTrue(out.hN().get(1).allclose(out.output().get(":, 0, 4:")));
    }

    @Test
    void inputAndStateChecksWithPyTorchMessages() {
        GRU gru = new GRU(3, 4, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> gru.forward(Torch.randn(5, 2, 6)));
        assertEquals("input.size(-1) must be equal to input_size. Expected 3, got 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gru.forward(Torch.randn(5, 2, 3), Torch.zeros(1, 2, 4)));
        assertEquals("Expected hidden size (2, 2, 4), got [1, 2, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gru.forward(Torch.randn(5, 3), Torch.zeros(2, 1, 4)));
        assertEquals("For unbatched 2-D input, hx should also be 2-D but got 3-D tensor", e.getMessage());
        LSTM lstm = new LSTM(3, 4);
        e = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Torch.randn(5, 2, 3), Torch.zeros(1, 2, 4), Torch.zeros(1, 3, 4)));
        assertEquals("Expected hidden[1] size (1, 2, 4), got [1, 3, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RNN(3, 4, 1, "sigmoid", true, false, 0, false));
        assertEquals("Unknown nonlinearity 'sigmoid'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LSTM(3, 4, 2, true, false, 1.5, false));
        assertTrue(e.getMessage().startsWith("dropout should be a number in range [0, 1]"));
        e = assertThrows(IllegalArgumentException.class, () -> new LSTMCell(3, 4).forward(Torch.randn(2, 2, 3)));
        assertEquals("LSTMCell: Expected input to be 1-D or 2-D but received 3-D tensor", e.getMessage());
    }

    @Test
    void moduleConvertsToDoubleAndKeepsWorking() {
        GRU gru = new GRU(2, 3);
        gru.to(DType.FLOAT64);
        RnnOutput out = gru.forward(Torch.randn(new long[]{4, 1, 2}, DType.FLOAT64), null);
        assertEquals(DType.FLOAT64, out.output().dtype());
        assertEquals(DType.FLOAT64, out.hN().dtype());
    }

    @Test
    void lstmCellGradcheckInFloat64() {
        LSTMCell cell = new LSTMCell(3, 2);
        cell.to(DType.FLOAT64);
        Tensor x = Torch.randn(new long[]{2, 3}, DType.FLOAT64).requiresGrad_();
        Tensor h = Torch.randn(new long[]{2, 2}, DType.FLOAT64).requiresGrad_();
        Tensor c = Torch.randn(new long[]{2, 2}, DType.FLOAT64).requiresGrad_();
        Tensor[] params = cell.parameters().toArray(new Tensor[0]);
        Tensor[] inputs = new Tensor[3 + params.length];
        inputs[0] = x;
        inputs[1] = h;
        inputs[2] = c;
        System.arraycopy(params, 0, inputs, 3, params.length);
        // the parameters are read from the module; gradcheck perturbs them in place through the same tensors
        assertTrue(GradCheck.gradcheckOutputs(in -> {
            LstmState s = cell.forward(in[0], in[1], in[2]);
            return new Tensor[]{s.h(), s.c()};
        }, inputs, GradCheck.DEFAULT_EPS, GradCheck.DEFAULT_ATOL, GradCheck.DEFAULT_RTOL));
    }

    @Test
    void bidirectionalGruGradcheckInFloat64() {
        GRU gru = new GRU(2, 2, 2, true, true, 0.0, true);
        gru.to(DType.FLOAT64);
        Tensor x = Torch.randn(new long[]{1, 3, 2}, DType.FLOAT64).requiresGrad_();
        Tensor h0 = Torch.randn(new long[]{4, 1, 2}, DType.FLOAT64).requiresGrad_();
        assertTrue(GradCheck.gradcheckOutputs(in -> {
            RnnOutput r = gru.forward(in[0], in[1]);
            return new Tensor[]{r.output(), r.hN()};
        }, new Tensor[]{x, h0}, GradCheck.DEFAULT_EPS, GradCheck.DEFAULT_ATOL, GradCheck.DEFAULT_RTOL));
    }
}
