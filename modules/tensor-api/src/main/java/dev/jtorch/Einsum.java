package dev.jtorch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code torch.einsum} written with diagonal, permute, reshape, mul, sum and bmm. Every operand is
 * aligned to one list of slots (the output's dims first, ellipsis dims in its place, then the summed
 * labels), with size 1 where it lacks a slot; operands are then contracted left to right, each pair
 * with one bmm over its shared summed labels.
 */
final class Einsum {
    private Einsum() {}

    private static final int LABELS = 52; // A-Z then a-z, in the order PyTorch sorts an implicit output
    private static final int ELLIPSIS = -1;

    private static int label(char c) { return c >= 'A' && c <= 'Z' ? c - 'A' : c - 'a' + 26; }

    private static char letter(int l) { return (char) (l < 26 ? 'A' + l : 'a' + l - 26); }

    private static boolean isLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    private static IllegalArgumentException error(String msg) { return new IllegalArgumentException("einsum(): " + msg); }

    static Tensor einsum(String equation, Tensor... operands) {
        if (Autocast.maybeActive() && Autocast.redo(AutocastOp.EINSUM,
                t -> einsum(equation, t), operands) instanceof Tensor r) return r;
        if (operands == null || operands.length == 0) throw error("must provide at least one operand");
        int arrow = equation.indexOf("->");
        String lhs = arrow < 0 ? equation : equation.substring(0, arrow);
        List<int[]> terms = parseInputs(lhs);
        if (terms.size() < operands.length) throw error("more operands were provided than specified in the equation");
        if (terms.size() > operands.length) throw error("fewer operands were provided than specified in the equation");

        // Dims covered by each operand's ellipsis; the ellipsis of the output covers the widest one.
        int n = operands.length, ellRank = 0;
        int[] ellDims = new int[n];
        int[] counts = new int[LABELS];
        boolean anyEllipsis = false;
        for (int i = 0; i < n; i++) {
            int[] t = terms.get(i);
            int labels = 0;
            boolean ell = false;
            for (int l : t) {
                if (l == ELLIPSIS) ell = true;
                else {
                    labels++;
                    counts[l]++;
                }
            }
            Tensor op = operands[i];
            if (ell) {
                if (labels > op.dim()) {
                    throw error("the number of subscripts in the equation (" + labels + ") is more than the number of dimensions ("
                            + op.dim() + ") for operand " + i);
                }
                ellDims[i] = op.dim() - labels;
                ellRank = Math.max(ellRank, ellDims[i]);
                anyEllipsis = true;
            } else if (labels != op.dim()) {
                throw error("the number of subscripts in the equation (" + labels + ") does not match the number of dimensions ("
                        + op.dim() + ") for operand " + i + " and no ellipsis was given");
            }
        }

        // The output: explicit after "->", else the ellipsis then the labels seen exactly once, sorted.
        int[] out;
        if (arrow >= 0) {
            out = parseOutput(equation, arrow + 2, counts);
        } else {
            List<Integer> o = new ArrayList<>();
            if (anyEllipsis) o.add(ELLIPSIS);
            for (int l = 0; l < LABELS; l++) if (counts[l] == 1) o.add(l);
            out = o.stream().mapToInt(Integer::intValue).toArray();
        }

        // Slots: output dims first (the ellipsis expanded in place), then every other label.
        int[] slotOf = new int[LABELS];
        Arrays.fill(slotOf, -1);
        int slots = 0, ellStart = -1;
        for (int l : out) {
            if (l == ELLIPSIS) {
                ellStart = slots;
                slots += ellRank;
            } else {
                slotOf[l] = slots++;
            }
        }
        int outRank = slots;
        if (ellStart < 0) { // summed ellipsis dims
            ellStart = slots;
            slots += ellRank;
        }
        for (int l = 0; l < LABELS; l++) if (counts[l] > 0 && slotOf[l] < 0) slotOf[l] = slots++;

        Tensor[] aligned = new Tensor[n];
        long[] seen = new long[slots];
        Arrays.fill(seen, 1);
        for (int i = 0; i < n; i++) {
            aligned[i] = align(operands[i], terms.get(i), i, ellDims[i], ellStart + ellRank - ellDims[i], slotOf, slots, seen,
                    ellStart, ellRank);
        }

        boolean[] summed = new boolean[slots];
        for (int s = 0; s < slots; s++) summed[s] = s >= outRank;
        Tensor result = contractAll(aligned, summed);

        // Sum what is left of the summed slots, then drop them.
        int[] rest = sizedSlots(result, summed);
        if (rest.length > 0) result = result.sum(rest, true);
        return result.reshape(Arrays.copyOf(result.shape, outRank));
    }

    // ---------------------------------------------------------------- parsing

    private static List<int[]> parseInputs(String lhs) {
        List<int[]> terms = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        boolean ell = false;
        int dots = 0;
        for (int i = 0; i < lhs.length(); i++) {
            char c = lhs.charAt(i);
            if (c == ' ') continue;
            if (c == '.') {
                if (ell) throw error("found '.' for operand " + terms.size() + " for which an ellipsis was already found");
                if (++dots == 3) {
                    cur.add(ELLIPSIS);
                    ell = true;
                    dots = 0;
                }
                continue;
            }
            if (dots != 0) throw error("found '.' for operand " + terms.size() + " that is not part of any ellipsis");
            if (c == ',') {
                terms.add(cur.stream().mapToInt(Integer::intValue).toArray());
                cur.clear();
                ell = false;
            } else if (isLetter(c)) {
                cur.add(label(c));
            } else {
                throw error("invalid subscript given at index " + i + " in the equation string, subscripts must be in [a-zA-Z]");
            }
        }
        if (dots != 0) throw error("found '.' for operand " + terms.size() + " that is not part of any ellipsis");
        terms.add(cur.stream().mapToInt(Integer::intValue).toArray());
        return terms;
    }

    private static int[] parseOutput(String eq, int from, int[] counts) {
        List<Integer> out = new ArrayList<>();
        boolean[] used = new boolean[LABELS];
        boolean ell = false;
        int dots = 0;
        for (int i = from; i < eq.length(); i++) {
            char c = eq.charAt(i);
            if (c == ' ') continue;
            if (c == '.') {
                if (ell) throw error("found '.' for output for which an ellipsis was already found");
                if (++dots == 3) {
                    out.add(ELLIPSIS);
                    ell = true;
                    dots = 0;
                }
                continue;
            }
            if (dots != 0) throw error("found '.' for output that is not part of any ellipsis (...)");
            if (!isLetter(c)) {
                throw error("invalid subscript given at index " + i + " in the equation string, subscripts must be in [a-zA-Z]");
            }
            int l = label(c);
            if (counts[l] == 0) throw error("output subscript " + c + " does not appear in the equation for any input operand");
            if (used[l]) throw error("output subscript " + c + " appears more than once in the output");
            used[l] = true;
            out.add(l);
        }
        if (dots != 0) throw error("found '.' for output that is not part of any ellipsis (...)");
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---------------------------------------------------------------- alignment

    /**
     * Takes the diagonal of repeated labels, then permutes and unsqueezes the operand so that dim s is
     * slot s (size 1 where the operand lacks it). Checks sizes against those seen in earlier operands.
     */
    private static Tensor align(Tensor op, int[] term, int index, int ellDims, int ellFirstSlot, int[] slotOf, int slots,
                                long[] seen, int ellStart, int ellRank) {
        List<Integer> dimSlot = new ArrayList<>();
        for (int l : term) {
            if (l == ELLIPSIS) for (int j = 0; j < ellDims; j++) dimSlot.add(ellFirstSlot + j);
            else dimSlot.add(slotOf[l]);
        }
        Tensor t = op;
        // Repeated labels: diagonal() removes both dims and appends the diagonal as the last dim.
        while (true) {
            int first = -1, second = -1;
            outer:
            for (int a = 0; a < dimSlot.size(); a++) {
                for (int b = a + 1; b < dimSlot.size(); b++) {
                    if (dimSlot.get(a).equals(dimSlot.get(b))) {
                        first = a;
                        second = b;
                        break outer;
                    }
                }
            }
            if (first < 0) break;
            if (t.shape[first] != t.shape[second]) {
                throw error("subscript " + letterOfSlot(dimSlot.get(first), slotOf) + " is repeated for operand " + index
                        + " but the sizes don't match, " + t.shape[second] + " != " + t.shape[first]);
            }
            int slot = dimSlot.get(first);
            t = t.diagonal(0, first, second);
            dimSlot.remove(second);
            dimSlot.remove(first);
            dimSlot.add(slot);
        }
        for (int d = 0; d < dimSlot.size(); d++) {
            int s = dimSlot.get(d);
            long size = t.shape[d];
            if (size != 1 && seen[s] != 1 && seen[s] != size) {
                if (s >= ellStart && s < ellStart + ellRank) {
                    throw error("dimension " + (s - ellFirstSlot) + " covered by ellipsis in operand " + index + "has size " + size
                            + " which does not broadcast with previously seen ellipsis with size " + seen[s]
                            + " for the respective dimension");
                }
                throw error("subscript " + letterOfSlot(s, slotOf) + " has size " + size + " for operand " + index
                        + " which does not broadcast with previously seen size " + seen[s]);
            }
            if (size != 1) seen[s] = size;
        }
        // Permute present slots into slot order, then insert size-1 dims for the missing ones.
        Integer[] order = new Integer[dimSlot.size()];
        for (int d = 0; d < order.length; d++) order[d] = d;
        Arrays.sort(order, (a, b) -> Integer.compare(dimSlot.get(a), dimSlot.get(b)));
        int[] perm = new int[order.length];
        for (int d = 0; d < order.length; d++) perm[d] = order[d];
        t = t.permute(perm);
        boolean[] present = new boolean[slots];
        for (int s : dimSlot) present[s] = true;
        for (int s = 0; s < slots; s++) if (!present[s]) t = t.unsqueeze(s);
        return t;
    }

    private static char letterOfSlot(int slot, int[] slotOf) {
        for (int l = 0; l < LABELS; l++) if (slotOf[l] == slot) return letter(l);
        return '?';
    }

    // ---------------------------------------------------------------- contraction

    /** Slots in {@code which} where t has a size other than 1. */
    private static int[] sizedSlots(Tensor t, boolean[] which) {
        List<Integer> r = new ArrayList<>();
        for (int s = 0; s < which.length; s++) if (which[s] && t.shape[s] != 1) r.add(s);
        return r.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Tensor contractAll(Tensor[] ops, boolean[] summed) {
        int n = ops.length, slots = summed.length;
        // A summed slot that only one operand has can be summed away before any product.
        for (int i = 0; i < n; i++) {
            boolean[] alone = new boolean[slots];
            for (int s = 0; s < slots; s++) {
                if (!summed[s] || ops[i].shape[s] == 1) continue;
                boolean other = false;
                for (int j = 0; j < n; j++) other |= j != i && ops[j].shape[s] != 1;
                alone[s] = !other;
            }
            int[] dims = sizedSlots(ops[i], alone);
            if (dims.length > 0) ops[i] = ops[i].sum(dims, true);
        }
        Tensor result = ops[0];
        for (int i = 1; i < n; i++) {
            boolean[] sumNow = new boolean[slots];
            for (int s = 0; s < slots; s++) {
                if (!summed[s]) continue;
                boolean later = false;
                for (int j = i + 1; j < n; j++) later |= ops[j].shape[s] != 1;
                sumNow[s] = !later;
            }
            result = contract(result, ops[i], sumNow);
        }
        return result;
    }

    /** Multiplies two aligned operands and sums the slots in {@code sumNow}; the result stays aligned. */
    private static Tensor contract(Tensor a, Tensor b, boolean[] sumNow) {
        int slots = sumNow.length;
        // Summed slots that only one side has are summed on that side first.
        int[] aOnly = new int[0], bOnly = new int[0];
        {
            List<Integer> as = new ArrayList<>(), bs = new ArrayList<>();
            for (int s = 0; s < slots; s++) {
                if (!sumNow[s]) continue;
                if (a.shape[s] != 1 && b.shape[s] == 1) as.add(s);
                if (b.shape[s] != 1 && a.shape[s] == 1) bs.add(s);
            }
            aOnly = as.stream().mapToInt(Integer::intValue).toArray();
            bOnly = bs.stream().mapToInt(Integer::intValue).toArray();
        }
        if (aOnly.length > 0) a = a.sum(aOnly, true);
        if (bOnly.length > 0) b = b.sum(bOnly, true);
        List<Integer> batch = new ArrayList<>(), left = new ArrayList<>(), right = new ArrayList<>(), sum = new ArrayList<>(),
                ones = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            boolean ha = a.shape[s] != 1, hb = b.shape[s] != 1;
            if (sumNow[s] && ha && hb) sum.add(s);
            else if (ha && hb) batch.add(s);
            else if (ha) left.add(s);
            else if (hb) right.add(s);
            else ones.add(s);
        }
        if (sum.isEmpty()) return a.mul(b); // nothing to contract: a broadcast product (dtypes promote, as PyTorch's mul)
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException("expected scalar type " + TypePromotion.shortName(a.dtype) + " but found "
                    + TypePromotion.shortName(b.dtype));
        }
        if (!a.dtype.isFloatingPoint()) { // exact integer arithmetic without a GEMM
            int[] dims = sum.stream().mapToInt(Integer::intValue).toArray();
            Tensor r = a.mul(b).sum(dims, true);
            return a.dtype == DType.BOOL ? r : r.to(a.dtype);
        }
        long bt = prod(a, batch), m = prod(a, left), k = prod(a, sum), nn = prod(b, right);
        Tensor a3 = a.permute(concat(batch, left, sum, right, ones)).reshape(bt, m, k);
        Tensor b3 = b.permute(concat(batch, sum, right, left, ones)).reshape(bt, k, nn);
        Tensor c = a3.bmm(b3);
        // c is [batch, left, right]; give it back every slot, with size 1 for sum and ones.
        List<Integer> order = new ArrayList<>(batch);
        order.addAll(left);
        order.addAll(right);
        order.addAll(sum);
        order.addAll(ones);
        long[] shape = new long[slots];
        for (int i = 0; i < slots; i++) {
            int s = order.get(i);
            boolean kept = batch.contains(s) || left.contains(s) || right.contains(s);
            shape[i] = kept ? Math.max(a.shape[s], b.shape[s]) : 1;
        }
        int[] inverse = new int[slots];
        for (int i = 0; i < slots; i++) inverse[order.get(i)] = i;
        return c.reshape(shape).permute(inverse);
    }

    private static long prod(Tensor t, List<Integer> slots) {
        long p = 1;
        for (int s : slots) p *= t.shape[s];
        return p;
    }

    @SafeVarargs
    private static int[] concat(List<Integer>... parts) {
        List<Integer> all = new ArrayList<>();
        for (List<Integer> p : parts) all.addAll(p);
        return all.stream().mapToInt(Integer::intValue).toArray();
    }
}
