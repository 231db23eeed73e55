package dev.jtorch.ops;

/** Inclusive scans along one dim. */
public enum ScanOp { CUMSUM, CUMPROD }
