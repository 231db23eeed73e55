#!/usr/bin/env bash
# Compiles native/*.cu to PTX for the CUDA backend and writes them, with a stamp of their sources, as resources of
# modules/tensor-cuda (committed, so that building jtorch needs no CUDA toolkit). Run it after editing a .cu file;
# KernelsUpToDateTest fails until you do.
#   native/build.sh             uses nvcc from $CUDA_HOME/bin, /usr/local/cuda/bin or PATH
# PTX for compute_75 (Turing, the oldest GPU CUDA 13 supports) is compiled by the driver for the GPU it runs on.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../modules/tensor-cuda/src/main/resources/dev/jtorch/cuda/kernels"
arch="compute_75"
flags="-ptx -arch=$arch -O3"
nvcc=""
for c in "${CUDA_HOME:-}/bin/nvcc" /usr/local/cuda/bin/nvcc "$(command -v nvcc || true)"; do
  if [ -n "$c" ] && [ -x "$c" ]; then nvcc="$c"; break; fi
done
[ -n "$nvcc" ] || { echo "nvcc not found (set CUDA_HOME)" >&2; exit 1; }
mkdir -p "$out"
cd "$here"
for cu in *.cu; do
  name="${cu%.cu}"
  # shellcheck disable=SC2086
  "$nvcc" $flags -o "$out/$name.ptx" "$cu"
  {
    echo "# written by native/build.sh: the source the PTX was built from, and how"
    echo "source=$cu"
    echo "source.sha256=$(sha256sum "$cu" | cut -d' ' -f1)"
    echo "nvcc=$("$nvcc" --version | sed -n 's/.*release \([0-9.]*\), V\([0-9.]*\).*/\2/p')"
    echo "flags=$flags"
  } > "$out/$name.properties"
  echo "wrote $out/$name.ptx"
done
