package dev.jtorch.ops;

/** Reductions over one or more dims. ALL and ANY write bool. */
public enum ReduceOp { SUM, PROD, MAX, MIN, ALL, ANY }
