package dev.jtorch.optim;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Saving the optimizer state after 5 steps and loading it into a fresh optimizer continues exactly like 10 straight steps. */
class StateDictResumeTest {
    private static final long[][] SHAPES = {{6, 4}, {4}, {3, 2}};

    /** Each optimizer with every kind of state it keeps, and two groups with their own lr. */
    private static final Map<String, Function<List<Tensor>, Optimizer>> OPTIMIZERS = Map.of(
            "SGD nesterov", p -> new SGD(SGD.options().lr(0.05).momentum(0.9).nesterov(true).weightDecay(1e-3), groups(p)),
            "Adam amsgrad", p -> new Adam(Adam.options().lr(0.01).amsgrad(true).weightDecay(0.01), groups(p)),
            "AdamW amsgrad", p -> new AdamW(AdamW.options().lr(0.01).amsgrad(true), groups(p)),
            "RMSprop centered momentum", p -> new RMSprop(RMSprop.options().lr(0.01).centered(true).momentum(0.5), groups(p)),
            "Adagrad", p -> new Adagrad(Adagrad.options().lr(0.1).lrDecay(0.01).initialAccumulatorValue(0.1), groups(p)));

    private static List<ParamGroup> groups(List<Tensor> p) {
        return List.of(new ParamGroup(p.subList(0, 2)), new ParamGroup(p.subList(2, 3)).set("lr", 0.003));
    }

    private static List<Tensor> params(long seed) {
        Generator g = new Generator().manualSeed(seed);
        List<Tensor> out = new ArrayList<>();
        for (long[] s : SHAPES) out.add(Torch.randn(s, DType.FLOAT32, g).requiresGrad_());
        return out;
    }

    private static List<Tensor> copies(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) out.add(p.detach().clone().requiresGrad_());
        return out;
    }

    private static void steps(Optimizer opt, List<Tensor> params, Generator grads, int n) {
        for (int i = 0; i < n; i++) {
            opt.zeroGrad();
            for (Tensor p : params) p.setGrad(Torch.randn(p.shape().toArray(), DType.FLOAT32, grads));
            opt.step();
        }
    }

    @TestFactory
    Stream<DynamicTest> fiveStepsSaveLoadFiveMoreEqualsTenStraight() {
        return OPTIMIZERS.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<Tensor> straight = params(1);
            steps(e.getValue().apply(straight), straight, new Generator().manualSeed(2), 10);

            List<Tensor> first = params(1);
            Generator grads = new Generator().manualSeed(2);
            Optimizer before = e.getValue().apply(first);
            steps(before, first, grads, 5);
            Map<String, Object> saved = before.stateDict();

            List<Tensor> resumed = copies(first);  // as if loaded from a checkpoint
            Optimizer after = e.getValue().apply(resumed);
            after.loadStateDict(saved);
            steps(after, resumed, grads, 5);

            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i).toFloatArray(), resumed.get(i).toFloatArray(), e.getKey() + " param " + i);
            }
        }));
    }

    /* opt = torch.optim.Adam([{'params': [a, b]}, {'params': [c], 'lr': 0.003}], lr=0.01, amsgrad=True); one step;
       opt.state_dict() -> {'state': {0: {'step': tensor(1.), 'exp_avg': ..., 'exp_avg_sq': ..., 'max_exp_avg_sq': ...}, 1: ..., 2: ...},
       'param_groups': [{'lr': 0.01, 'betas': (0.9, 0.999), 'eps': 1e-08, 'weight_decay': 0, 'amsgrad': True, ..., 'params': [0, 1]},
                        {'lr': 0.003, ..., 'params': [2]}]} */
    @Test
    void stateDictHasPyTorchsLayout() {
        List<Tensor> p = params(3);
        Optimizer opt = new Adam(Adam.options().lr(0.01).amsgrad(true), groups(p));
        steps(opt, p, new Generator().manualSeed(4), 1);
        Map<String, Object> sd = opt.stateDict();
        assertEquals(List.of("state", "param_groups"), List.copyOf(sd.keySet()));
        Map<?, ?> state = (Map<?, ?>) sd.get("state");
        assertEquals(List.of(0, 1, 2), List.copyOf(state.keySet()));
        Map<?, ?> s0 = (Map<?, ?>) state.get(0);
        assertEquals(List.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"), List.copyOf(s0.keySet()));
        Tensor step = assertInstanceOf(Tensor.class, s0.get("step"));
        assertEquals(DType.FLOAT32, step.dtype());
        assertEquals(0, step.dim());
        assertEquals(1.0, step.item());
        List<?> groups = (List<?>) sd.get("param_groups");
        Map<?, ?> g0 = (Map<?, ?>) groups.get(0), g1 = (Map<?, ?>) groups.get(1);
        assertEquals(List.of(0, 1), g0.get("params"));
        assertEquals(List.of(2), g1.get("params"));
        assertEquals(0.01, g0.get("lr"));
        assertEquals(0.003, g1.get("lr"));
        assertEquals(List.of(0.9, 0.999), g0.get("betas"));
        assertEquals(true, g0.get("amsgrad"));
    }

    @Test
    void loadCopiesTheStateAndRestoresGroupOptions() {
        List<Tensor> p = params(5);
        Optimizer a = new SGD(SGD.options().lr(0.1).momentum(0.9), groups(p));
        steps(a, p, new Generator().manualSeed(6), 2);
        a.paramGroups().get(1).setLr(0.5);  // e.g. a scheduler changed it
        Map<String, Object> sd = a.stateDict();

        List<Tensor> q = copies(p);
        Optimizer b = new SGD(SGD.options().lr(0.1).momentum(0.9), groups(q));
        b.loadStateDict(sd);
        assertEquals(0.5, b.paramGroups().get(1).lr());
        Tensor bufA = (Tensor) a.state().get(p.get(0)).get("momentum_buffer");
        Tensor bufB = (Tensor) b.state().get(q.get(0)).get("momentum_buffer");
        assertNotSame(bufA, bufB);
        assertArrayEquals(bufA.toFloatArray(), bufB.toFloatArray());
        bufA.fill_(42.0);
        assertFalse(Arrays.equals(bufA.toFloatArray(), bufB.toFloatArray()), "loaded state must be a copy");
    }

    @Test
    void sgdWithoutMomentumKeepsAnEmptyMomentumBufferEntryAsPyTorch() {
        List<Tensor> p = params(7);
        Optimizer opt = new SGD(p, 0.1);
        steps(opt, p, new Generator().manualSeed(8), 1);
        Map<?, ?> s0 = (Map<?, ?>) ((Map<?, ?>) opt.stateDict().get("state")).get(0);
        assertTrue(s0.containsKey("momentum_buffer"));
        assertNull(s0.get("momentum_buffer"));
    }

    /* torch: "loaded state dict has a different number of parameter groups",
       "loaded state dict contains a parameter group that doesn't match the size of optimizer's group" */
    @Test
    void mismatchedStateDictsAreRejectedAndLeaveTheOptimizerUnchanged() {
        List<Tensor> p = params(9);
        Optimizer two = new Adam(Adam.options(), groups(p));
        steps(two, p, new Generator().manualSeed(10), 1);
        Optimizer one = new Adam(copies(p));
        var e1 = assertThrows(IllegalArgumentException.class, () -> one.loadStateDict(two.stateDict()));
        assertEquals("loaded state dict has a different number of parameter groups", e1.getMessage());

        List<Tensor> q = copies(p);
        Optimizer swapped = new Adam(Adam.options(), List.of(new ParamGroup(q.subList(0, 1)), new ParamGroup(q.subList(1, 3))));
        var e2 = assertThrows(IllegalArgumentException.class, () -> swapped.loadStateDict(two.stateDict()));
        assertEquals("loaded state dict contains a parameter group that doesn't match the size of optimizer's group", e2.getMessage());
        assertTrue(swapped.state().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> swapped.loadStateDict(Map.of("state", Map.of())));
    }

    /** A copy of a state dict whose {@code state[id][key]} (or, for a null id, {@code param_groups[0][key]}) is value or removed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> damaged(Map<String, Object> sd, Object id, String key, Object value, boolean remove) {
        Map<Object, Object> state = new java.util.LinkedHashMap<>();
        ((Map<Object, Object>) sd.get("state")).forEach((k, v) -> state.put(k, new java.util.LinkedHashMap<>((Map<Object, Object>) v)));
        List<Object> groups = new ArrayList<>();
        for (Object g : (List<Object>) sd.get("param_groups")) groups.add(new java.util.LinkedHashMap<>((Map<Object, Object>) g));
        Map<Object, Object> target = id == null ? (Map<Object, Object>) groups.get(0) : (Map<Object, Object>) state.get(id);
        if (remove) target.remove(key);
        else target.put(key, value);
        return Map.of("state", state, "param_groups", groups);
    }

    /**
     * A damaged state dict is refused by loadStateDict with a message that names the entry, and the optimizer is left
     * as it was; before, most of these loaded and the next step failed with a ClassCastException or a
     * NullPointerException inside the update.
     */
    @TestFactory
    Stream<DynamicTest> damagedStateDictsAreRefusedWhenLoaded() {
        record Case(String name, Function<List<Tensor>, Optimizer> make, Object id, String key, Object value, boolean remove, String message) {}
        Function<List<Tensor>, Optimizer> adam = q -> new Adam(q, Adam.options().amsgrad(true)), sgd = q -> new SGD(q, 0.1, 0.9);
        Function<List<Tensor>, Optimizer> rms = q -> new RMSprop(q, RMSprop.options().momentum(0.5).centered(true));
        Function<List<Tensor>, Optimizer> adagrad = q -> new Adagrad(q, 0.1);
        return Stream.of(
                new Case("Adam without exp_avg", adam, 0, "exp_avg", null, true, "state of parameter 0 has no 'exp_avg'"),
                new Case("Adam without max_exp_avg_sq", adam, 1, "max_exp_avg_sq", null, true, "state of parameter 1 has no 'max_exp_avg_sq'"),
                new Case("Adam with a number for exp_avg_sq", adam, 0, "exp_avg_sq", 2.5, false, "state 'exp_avg_sq' of parameter 0 must be a tensor, got 2.5"),
                new Case("Adam with a mis-shaped exp_avg", adam, 1, "exp_avg", Torch.zeros(7), false, "state 'exp_avg' of parameter 1 has shape [7], the parameter [4]"),
                new Case("Adam with a step of two elements", adam, 0, "step", Torch.zeros(2), false, "state 'step' of parameter 0 must be a number or a one-element tensor"),
                new Case("Adam with a negative step", adam, 0, "step", -3, false, "state 'step' of parameter 0 must be a count, got -3.0"),
                new Case("Adam with betas of one number", adam, null, "betas", List.of(0.9), false, "option 'betas' must be numbers like [0.9, 0.999], got [0.9]"),
                new Case("Adam with a text for lr", adam, null, "lr", "fast", false, "option 'lr' must be a number, got fast"),
                new Case("Adam without eps", adam, null, "eps", null, true, "option 'eps' is missing"),
                new Case("SGD with a number for momentum_buffer", sgd, 0, "momentum_buffer", 2.5, false, "state 'momentum_buffer' of parameter 0 must be a tensor, got 2.5"),
                new Case("SGD with a flag for nesterov that is a number", sgd, null, "nesterov", 1, false, "option 'nesterov' must be true or false, got 1.0"),
                new Case("SGD with a negative lr", sgd, null, "lr", -1.0, false, "Invalid learning rate: -1.0"),
                new Case("RMSprop without step", rms, 0, "step", null, true, "state of parameter 0 has no 'step'"),
                new Case("RMSprop without grad_avg", rms, 1, "grad_avg", null, true, "state of parameter 1 has no 'grad_avg'"),
                new Case("RMSprop with a number for square_avg", rms, 0, "square_avg", -1L, false, "state 'square_avg' of parameter 0 must be a tensor, got -1"),
                new Case("Adagrad without sum", adagrad, 1, "sum", null, true, "state of parameter 1 has no 'sum'")
        ).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<Tensor> p = params(12);
            Optimizer trained = c.make().apply(p);
            steps(trained, p, new Generator().manualSeed(13), 2);
            Map<String, Object> bad = damaged(trained.stateDict(), c.id(), c.key(), c.value(), c.remove());
            List<Tensor> q = copies(p);
            Optimizer fresh = c.make().apply(q);
            steps(fresh, q, new Generator().manualSeed(14), 1);
            String before = fresh.stateDict().toString() + fresh.paramGroups().get(0).options();
            var e = assertThrows(IllegalArgumentException.class, () -> fresh.loadStateDict(bad));
            assertTrue(e.getMessage().contains(c.message()), e.getMessage());
            assertEquals(before, fresh.stateDict().toString() + fresh.paramGroups().get(0).options(), "left as it was");
            // and the intact state dict still loads and steps
            fresh.loadStateDict(trained.stateDict());
            steps(fresh, q, new Generator().manualSeed(15), 1);
        }));
    }
}
