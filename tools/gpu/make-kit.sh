#!/usr/bin/env bash
# Packs what a machine with a GPU but no Java and no network needs to run tensor-cuda's tests and the demo: a jlinked
# runtime, the library's jars, tensor-cuda's compiled tests and JUnit's console launcher. Then, on that machine, from the
# repository root: (cd modules/tensor-cuda && ../../gpukit/run-tests.sh), and gpukit/run-demo.sh --device cuda [demo options]
#   tools/gpu/make-kit.sh [kit folder, default ./gpukit]   (ignored by git via .git/info/exclude; add it there)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
kit="${1:-$root/gpukit}"
junit=1.11.4 # the platform version of the project's JUnit 5.11.4
cd "$root"
./jt -q -pl modules/tensor-cuda,modules/demo -am package -DskipTests
java_home="$(./jt -q help:evaluate -Dexpression=java.home -DforceStdout)" # the JDK that ./jt found
./jt -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit
rm -rf "$kit" && mkdir -p "$kit/lib"
"$java_home/bin/jlink" --add-modules java.base,jdk.incubator.vector,java.logging,jdk.unsupported,java.management \
  --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$kit/jre" 2>/dev/null
for m in tensor-api tensor-simd tensor-cuda autograd nn optim data demo; do cp modules/$m/target/jtorch-$m-*.jar "$kit/lib/jtorch-$m.jar"; done
cp ~/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit/junit-platform-console-standalone-$junit.jar "$kit/lib/junit.jar"
cp -r modules/tensor-cuda/target/test-classes "$kit/test-classes"
cat > "$kit/run-tests.sh" <<'RUN'
#!/usr/bin/env bash
# tensor-cuda's tests without Maven: the module path plus the patched-in test classes, as surefire runs them
k="$(cd "$(dirname "$0")" && pwd)"
opens=""
for p in dev.jtorch.cuda dev.jtorch.cuda.alloc dev.jtorch.cuda.ffm dev.jtorch.cuda.kernels; do
  opens="$opens --add-opens dev.jtorch.tensor.cuda/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086
exec "$k/jre/bin/java" -Xss8m --enable-native-access=dev.jtorch.tensor.cuda \
  --module-path "$k/lib/jtorch-tensor-api.jar:$k/lib/jtorch-tensor-simd.jar:$k/lib/jtorch-tensor-cuda.jar:$k/lib/jtorch-autograd.jar" \
  --add-modules ALL-MODULE-PATH --patch-module dev.jtorch.tensor.cuda="$k/test-classes" \
  --add-reads dev.jtorch.tensor.cuda=ALL-UNNAMED $opens \
  -cp "$k/lib/junit.jar" org.junit.platform.console.ConsoleLauncher execute \
  --disable-banner --details=tree --scan-classpath "$k/test-classes" "$@"
RUN
cat > "$kit/run-demo.sh" <<'RUN'
#!/usr/bin/env bash
# the demo (./jt demo) on this runtime, with the CUDA backend on the module path: pass --device cuda to train there
k="$(cd "$(dirname "$0")" && pwd)"
exec "$k/jre/bin/java" -Xmx2g --enable-native-access=dev.jtorch.tensor.cuda \
  --module-path "$(ls "$k"/lib/jtorch-*.jar | tr '\n' ':')" -m dev.jtorch.demo/dev.jtorch.demo.Demo "$@"
RUN
mkdir -p "$kit/bench"
"$java_home/bin/javac" -d "$kit/bench" --module-path "$kit/lib/jtorch-tensor-api.jar" --add-modules dev.jtorch.tensor.api \
  tools/gpu/GemmBench.java
cat > "$kit/run-gemm-bench.sh" <<'RUN'
#!/usr/bin/env bash
# GemmBench (tools/gpu/GemmBench.java): jtorch's matmul TFLOP/s on the GPU; compare with tools/gpu/gemm_bench.py
k="$(cd "$(dirname "$0")" && pwd)"
exec "$k/jre/bin/java" -Xmx4g --enable-native-access=dev.jtorch.tensor.cuda \
  --module-path "$k/lib/jtorch-tensor-api.jar:$k/lib/jtorch-tensor-simd.jar:$k/lib/jtorch-tensor-cuda.jar" \
  --add-modules ALL-MODULE-PATH -cp "$k/bench" GemmBench "$@"
RUN
chmod +x "$kit/run-tests.sh" "$kit/run-demo.sh" "$kit/run-gemm-bench.sh"
du -sh "$kit"
