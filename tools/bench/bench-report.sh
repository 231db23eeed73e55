#!/usr/bin/env bash
# Runs the whole bench/ suite (JMH, JSON output), PyTorch's column (bench/pytorch/suite.py) and the machine's
# peaks (tools/bench/peak.c), then writes one markdown table with ratios to bench/target/report.md.
#   ./jt bench-report                    the full suite (about 30 minutes on 2 cores)
#   ./jt bench-report Matmul -p shape=512 any JMH arguments narrow the JMH part (PyTorch's part always runs whole)
# Needs $JAVA_HOME (the jt launcher sets it); PyTorch's column needs /usr/bin/python3 with torch, peaks need gcc.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/bench/target"
mkdir -p "$out"
python="${JTORCH_PYTHON:-/usr/bin/python3}"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
peaks="(gcc not found: peaks not measured)"
if command -v gcc >/dev/null 2>&1 && gcc -O3 -march=native -fopenmp "$root/tools/bench/peak.c" -o "$out/peak" 2>/dev/null; then
  peaks="$(OMP_NUM_THREADS=1 "$out/peak"; OMP_NUM_THREADS=2 "$out/peak")"
fi
"$JAVA_HOME/bin/java" -jar "${JTORCH_BENCH_JAR:-$root/bench/target/jtorch-benchmarks.jar}" -rf json -rff "$out/jmh.json" "$@" \
  | tee "$out/jmh.log" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true
torch_json="-"
if "$python" -c "import torch" 2>/dev/null; then
  "$python" "$root/bench/pytorch/suite.py" --json "$out/torch.json" && torch_json="$out/torch.json"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores of $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)" \
       "($(grep -q avx512f /proc/cpuinfo && echo AVX-512 || echo 'AVX2+FMA, no AVX-512')), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)," \
       "load average $load_before before and $load_after after."
  echo
  echo '```'
  echo "$peaks"
  echo '```'
  echo
  "$python" "$root/tools/bench/report.py" "$out/jmh.json" "$torch_json"
} > "$out/report.md"
cat "$out/report.md"
