package dev.jtorch.optim.scheduler;

/** Base class of the learning-rate schedulers (placeholder: the nn issue fills it in). */
public abstract class LRScheduler {
}
