#!/usr/bin/env bash
# On a machine with a GPU (see make-kit.sh): one epoch of the demo's MLP and of the bench CNN, SGD then Adam, with
# jtorch (--device cuda) and with that machine's PyTorch (bench/pytorch/training.py --device cuda), on the same files.
#   tools/gpu/train-side-by-side.sh KIT DATA_DIR      (DATA_DIR holds Fashion-MNIST's four IDX .gz files)
set -uo pipefail
kit="$1" data="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
for model in mlp cnn; do
  for opt in sgd adam; do
    echo "== jtorch $model $opt on cuda"
    timeout 300 "$kit/run-demo.sh" --device cuda --data "$data" --model "$model" --optimizer "$opt" --epochs 1 \
      --no-progress --out /tmp/jtorch-demo 2>&1 | grep -E "backend|epoch|accuracy|GPU memory|Exception|demo:|at dev" | head -20
  done
  echo "== PyTorch $model"
  flag=""; [ "$model" = cnn ] && flag="--cnn"
  timeout 300 python3 "$root/bench/pytorch/training.py" $flag --device cuda --data "$data" 2>&1 | tail -3
done
