#!/usr/bin/env python3
"""Writes the optimizer and LR-scheduler fixtures the optim tests read, with real PyTorch 1.13.

Run from the repository root:  /usr/bin/python3 tools/golden/gen_optim_fixtures.py
Output: modules/optim/src/test/resources/golden/optim/ (small files, committed).

optimizers.txt: one line per case, "name Optimizer key=value ...". For a case <name>:
  <name>_p<i>_init.npy      parameter i before the first step (float32)
  <name>_p<i>_grads.npy     its gradient for each of the 10 steps, stacked (NaN-filled rows: grad is None that step)
  <name>_p<i>_after.npy     the parameter after each step, stacked
Keys: the optimizer's hyper-parameters with PyTorch's names; group1_lr puts parameter 1 in a second group with its own lr;
nograd_step=k leaves parameter 1 without a gradient at step k (0-based).

schedulers.txt: one line per case, "name Scheduler key=value ...", on SGD (momentum 0.9) or Adam with two groups of lr
0.1 and 0.01. <name>_lrs.npy holds get_last_lr() after construction and after each of 30 steps ((31, 2) float64);
OneCycleLR cases also write <name>_momenta.npy (momentum or beta1 per group, same shape); ReduceLROnPlateau reads
its metric per step from <name>_metrics.npy.
"""
import os

import numpy as np
import torch

OUT = os.path.join("modules", "optim", "src", "test", "resources", "golden", "optim")
STEPS = 10
SHAPES = [(4, 3), (5,)]

OPTIMIZERS = [
    ("sgd_plain", "SGD", dict(lr=0.1)),
    ("sgd_momentum", "SGD", dict(lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    ("sgd_nesterov", "SGD", dict(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.001)),
    ("sgd_maximize", "SGD", dict(lr=0.02, momentum=0.5, maximize=True)),
    ("sgd_groups", "SGD", dict(lr=0.1, momentum=0.9, group1_lr=0.01, nograd_step=3)),
    ("adam_default", "Adam", dict(lr=1e-3)),
    ("adam_wd", "Adam", dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    ("adam_amsgrad", "Adam", dict(lr=0.02, amsgrad=True, maximize=True)),
    ("adam_groups", "Adam", dict(lr=0.01, group1_lr=0.1, nograd_step=4)),
    ("adamw_default", "AdamW", dict(lr=1e-3)),
    ("adamw_amsgrad", "AdamW", dict(lr=0.01, betas=(0.85, 0.995), weight_decay=0.05, amsgrad=True)),
    ("rmsprop_default", "RMSprop", dict(lr=0.01)),
    ("rmsprop_centered", "RMSprop", dict(lr=0.005, alpha=0.9, centered=True, weight_decay=0.01)),
    ("rmsprop_momentum", "RMSprop", dict(lr=0.001, momentum=0.9, eps=1e-6, maximize=True)),
    ("rmsprop_centered_momentum", "RMSprop", dict(lr=0.002, alpha=0.95, centered=True, momentum=0.5)),
    ("adagrad_default", "Adagrad", dict(lr=0.01)),
    ("adagrad_decay", "Adagrad", dict(lr=0.1, lr_decay=0.01, weight_decay=0.05, initial_accumulator_value=0.1, eps=1e-8)),
    ("adagrad_maximize", "Adagrad", dict(lr=0.05, maximize=True, nograd_step=2)),
]

SCHEDULERS = [
    ("step", "StepLR", "SGD", dict(step_size=7, gamma=0.5)),
    ("multistep", "MultiStepLR", "SGD", dict(milestones=[3, 8, 8, 20], gamma=0.3)),
    ("exponential", "ExponentialLR", "SGD", dict(gamma=0.9)),
    ("cosine", "CosineAnnealingLR", "SGD", dict(T_max=10, eta_min=0.001)),
    ("cosine_nomin", "CosineAnnealingLR", "SGD", dict(T_max=7)),
    ("linear", "LinearLR", "SGD", dict(start_factor=0.25, end_factor=1.0, total_iters=8)),
    ("linear_down", "LinearLR", "SGD", dict(start_factor=1.0, end_factor=0.1, total_iters=12)),
    ("onecycle_cos", "OneCycleLR", "SGD", dict(max_lr=1.0, total_steps=30)),
    ("onecycle_linear_adam", "OneCycleLR", "Adam", dict(max_lr=0.5, total_steps=30, anneal_strategy="linear",
                                                        pct_start=0.25, div_factor=10.0, final_div_factor=100.0)),
    ("onecycle_three_phase", "OneCycleLR", "SGD", dict(max_lr=0.8, total_steps=30, three_phase=True,
                                                       base_momentum=0.8, max_momentum=0.9)),
    ("onecycle_no_momentum", "OneCycleLR", "Adam", dict(max_lr=0.3, epochs=3, steps_per_epoch=10, cycle_momentum=False)),
    ("plateau_min", "ReduceLROnPlateau", "SGD", dict(patience=2, factor=0.5, threshold=0.01, cooldown=1, min_lr=0.002)),
    ("plateau_max_abs", "ReduceLROnPlateau", "SGD", dict(mode="max", patience=1, factor=0.3, threshold=0.05,
                                                         threshold_mode="abs", eps=1e-4)),
    ("chained", "ChainedScheduler", "SGD", dict(parts="ExponentialLR:gamma=0.9;StepLR:step_size=4,gamma=0.5")),
    ("sequential", "SequentialLR", "SGD", dict(parts="LinearLR:start_factor=0.1,total_iters=5;CosineAnnealingLR:T_max=20",
                                               milestones=[5])),
    ("sequential_three", "SequentialLR", "SGD", dict(parts="ExponentialLR:gamma=0.8;StepLR:step_size=3,gamma=0.5;"
                                                     "MultiStepLR:milestones=[2/5],gamma=0.1", milestones=[6, 15])),
]


def fmt(v):
    if isinstance(v, (list, tuple)):
        return "[" + "/".join(fmt(x) for x in v) + "]"
    return repr(v)


def make_optimizer(kind, params, cfg):
    kw = {k: v for k, v in cfg.items() if k not in ("group1_lr", "nograd_step")}
    cls = getattr(torch.optim, kind)
    if "group1_lr" in cfg:
        return cls([{"params": [params[0]]}, {"params": [params[1]], "lr": cfg["group1_lr"]}], **kw)
    return cls(params, **kw)


def gen_optimizers(lines):
    for case, (name, kind, cfg) in enumerate(OPTIMIZERS):
        torch.manual_seed(1000 + case)
        params = [torch.randn(s, dtype=torch.float32).requires_grad_() for s in SHAPES]
        grads = [torch.randn((STEPS,) + s, dtype=torch.float32) for s in SHAPES]
        for i, p in enumerate(params):
            np.save(os.path.join(OUT, f"{name}_p{i}_init.npy"), p.detach().numpy().copy())
        opt = make_optimizer(kind, params, cfg)
        after = [[] for _ in params]
        for step in range(STEPS):
            for i, p in enumerate(params):
                if i == 1 and cfg.get("nograd_step") == step:
                    p.grad = None
                    grads[i][step].fill_(float("nan"))
                else:
                    p.grad = grads[i][step].clone()
            opt.step()
            for i, p in enumerate(params):
                after[i].append(p.detach().clone())
        for i in range(len(params)):
            np.save(os.path.join(OUT, f"{name}_p{i}_grads.npy"), grads[i].numpy())
            np.save(os.path.join(OUT, f"{name}_p{i}_after.npy"), torch.stack(after[i]).numpy())
        lines.append(" ".join([name, kind] + [f"{k}={fmt(v)}" for k, v in cfg.items()]))


def parse_parts(spec):
    parts = []
    for part in spec.split(";"):
        kind, args = part.split(":")
        kw = {}
        for a in args.split(","):
            k, v = a.split("=")
            kw[k] = [int(x) for x in v.strip("[]").split("/")] if v.startswith("[") else eval(v)
        parts.append((kind, kw))
    return parts


def gen_schedulers(lines):
    sched = torch.optim.lr_scheduler
    for name, kind, opt_kind, cfg in SCHEDULERS:
        w = [torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)]
        groups = [{"params": [w[0]], "lr": 0.1}, {"params": [w[1]], "lr": 0.01}]
        opt = torch.optim.SGD(groups, lr=0.1, momentum=0.9) if opt_kind == "SGD" else torch.optim.Adam(groups)
        metrics = None
        if kind in ("ChainedScheduler", "SequentialLR"):
            subs = [getattr(sched, k)(opt, **kw) for k, kw in parse_parts(cfg["parts"])]
            s = sched.ChainedScheduler(subs) if kind == "ChainedScheduler" else sched.SequentialLR(opt, subs, cfg["milestones"])
        elif kind == "ReduceLROnPlateau":
            s = sched.ReduceLROnPlateau(opt, **cfg)
            g = torch.Generator().manual_seed(7)
            base = torch.linspace(1.0, 0.6, 30, dtype=torch.float64)
            if cfg.get("mode") == "max":
                base = 1.6 - base
            metrics = (base + 0.05 * torch.rand(30, generator=g, dtype=torch.float64)).numpy()
            metrics[10:18] = metrics[10]  # a plateau
        else:
            s = getattr(sched, kind)(opt, **cfg)
        lrs = [[g["lr"] for g in opt.param_groups]]
        mom_key = "betas" if opt_kind == "Adam" else "momentum"
        momenta = [[(g[mom_key][0] if mom_key == "betas" else g[mom_key]) for g in opt.param_groups]]
        for step in range(30):
            opt.step()
            if metrics is not None:
                s.step(metrics[step])
            else:
                s.step()
            lrs.append(list(s._last_lr) if hasattr(s, "_last_lr") else [g["lr"] for g in opt.param_groups])
            momenta.append([(g[mom_key][0] if mom_key == "betas" else g[mom_key]) for g in opt.param_groups])
        np.save(os.path.join(OUT, f"{name}_lrs.npy"), np.array(lrs, dtype=np.float64))
        if kind == "OneCycleLR":
            np.save(os.path.join(OUT, f"{name}_momenta.npy"), np.array(momenta, dtype=np.float64))
        if metrics is not None:
            np.save(os.path.join(OUT, f"{name}_metrics.npy"), metrics)
        lines.append(" ".join([name, kind, opt_kind] + [f"{k}={fmt(v)}" for k, v in cfg.items()]))


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = []
    gen_optimizers(lines)
    with open(os.path.join(OUT, "optimizers.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    lines = []
    gen_schedulers(lines)
    with open(os.path.join(OUT, "schedulers.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
