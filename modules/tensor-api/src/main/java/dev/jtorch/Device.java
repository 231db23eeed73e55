package dev.jtorch;

import java.util.Objects;

/** Where a tensor's storage lives: {@code cpu} or {@code cuda:N}, as PyTorch's {@code torch.device}. */
public final class Device {
    /** Device families. */
    public enum Type { CPU, CUDA }

    public static final Device CPU = new Device(Type.CPU, -1);

    private final Type type;
    private final int index;

    private Device(Type type, int index) {
        this.type = type;
        this.index = index;
    }

    public static Device cpu() { return CPU; }

    public static Device cuda(int index) {
        if (index < 0) throw new IllegalArgumentException("Device index must not be negative, got " + index);
        return new Device(Type.CUDA, index);
    }

    /** Parses {@code "cpu"}, {@code "cuda"}, {@code "cuda:1"}. */
    public static Device of(String spec) {
        String s = spec.trim();
        if (s.equals("cpu")) return CPU;
        if (s.equals("cuda")) return cuda(0);
        if (s.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(s.substring(5)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid device string: '" + spec + "'");
            }
        }
        throw new IllegalArgumentException("Expected one of cpu, cuda device type at start of device string: " + spec);
    }

    public Type type() { return type; }

    /** The device ordinal, or -1 for the CPU. */
    public int index() { return index; }

    public boolean isCpu() { return type == Type.CPU; }

    public boolean isCuda() { return type == Type.CUDA; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.type == type && d.index == index;
    }

    @Override
    public int hashCode() { return Objects.hash(type, index); }

    @Override
    public String toString() { return type == Type.CPU ? "cpu" : "cuda:" + index; }
}
