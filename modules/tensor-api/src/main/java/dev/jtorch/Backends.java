package dev.jtorch;

import dev.jtorch.spi.AutogradHook;
import dev.jtorch.spi.Backend;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the backends and the autograd hook once, with {@link ServiceLoader}. */
final class Backends {
    /** System property naming the backend to use instead of the highest-ranked one. */
    static final String BACKEND_PROPERTY = "jtorch.backend";

    private static final List<Backend> ALL = ServiceLoader.load(Backend.class, Backends.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(Backend::priority).reversed())
            .toList();

    private static final Map<Device.Type, Backend> CHOSEN = choose();

    private static final AutogradHook AUTOGRAD = ServiceLoader.load(AutogradHook.class, Backends.class.getClassLoader())
            .findFirst().orElse(null);

    private Backends() {}

    private static Map<Device.Type, Backend> choose() {
        String wanted = System.getProperty(BACKEND_PROPERTY);
        Map<Device.Type, Backend> m = new EnumMap<>(Device.Type.class);
        for (Backend b : ALL) {
            if (wanted != null && !wanted.isBlank()) {
                if (b.name().equals(wanted)) m.put(b.deviceType(), b);
            } else {
                m.putIfAbsent(b.deviceType(), b);
            }
        }
        // A named backend replaces only its own device type; others keep their best.
        for (Backend b : ALL) m.putIfAbsent(b.deviceType(), b);
        return m;
    }

    static Backend forDevice(Device device) {
        Backend b = CHOSEN.get(device.type());
        if (b == null) throw new IllegalStateException(missing(device));
        return b;
    }

    /** PyTorch's "Torch not compiled with CUDA enabled" for a CUDA device, then what was found on the module path. */
    static String missing(Device device) {
        String found = ALL.isEmpty() ? "none" : ALL.stream().map(x -> x.name() + " (" + x.deviceType() + ")")
                .collect(Collectors.joining(", "));
        return (device.isCuda() ? "Torch not compiled with CUDA enabled: " : "")
                + "no jtorch backend for device '" + device + "' on the module path (found: "
                + found + "); add dev.jtorch.tensor.simd for the CPU"
                + (device.isCuda() ? " and dev.jtorch.tensor.cuda for CUDA" : "");
    }

    /** The device runtime of the chosen backend for {@code type}, if that backend has one. */
    static Optional<dev.jtorch.spi.DeviceRuntime> runtime(Device.Type type) {
        Backend b = CHOSEN.get(type);
        return b == null ? Optional.empty() : b.runtime();
    }

    static List<Backend> all() { return ALL; }

    static Optional<AutogradHook> autograd() { return Optional.ofNullable(AUTOGRAD); }
}
