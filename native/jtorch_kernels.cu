// jtorch's CUDA kernels, compiled to PTX by native/build.sh and loaded at run time with cuModuleLoadData.
// Every operand is a TensorArg (pointer already at the tensor's offset, element strides, a dtype code); the host
// side (dev.jtorch.cuda.kernels.TensorArgs) writes the same layout. One thread per output element, grid-stride loops.
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <cstddef>

#define MAX_DIMS 8

// dtype codes: the order of dev.jtorch.DType
enum DType { FLOAT32, FLOAT64, FLOAT16, BFLOAT16, INT8, UINT8, INT16, INT32, INT64, BOOL };
// the order of dev.jtorch.ops.UnaryOp
enum UnaryOp { ABS, NEG, SIGN, EXP, EXP2, EXPM1, LOG, LOG1P, LOG2, LOG10, SQRT, RSQRT, SQUARE, RECIPROCAL,
    SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH,
    SIGMOID, RELU, GELU, SILU, ERF, ERFC, ERFINV, FLOOR, CEIL, ROUND, TRUNC, LOGICAL_NOT, BITWISE_NOT };
// the order of dev.jtorch.ops.BinaryOp
enum BinaryOp { ADD, SUB, MUL, DIV, DIV_TRUNC, DIV_FLOOR, REMAINDER, FMOD, POW, ATAN2, HYPOT, COPYSIGN, MAXIMUM, MINIMUM,
    BITWISE_AND, BITWISE_OR, BITWISE_XOR, LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, EQ, NE, LT, LE, GT, GE };
// the order of dev.jtorch.ops.ReduceOp
enum ReduceOp { SUM, PROD, MAX, MIN, ALL, ANY };

struct TensorArg {
    char* data;
    long long shape[MAX_DIMS];
    long long stride[MAX_DIMS];
    int ndim;
    int dtype;
};
// dev.jtorch.cuda.kernels.TensorArgs.LAYOUT writes these 144 bytes
static_assert(sizeof(TensorArg) == 144 && offsetof(TensorArg, ndim) == 136, "TensorArg layout changed: update TensorArgs.java");

__device__ __forceinline__ int itemSize(int dt) {
    switch (dt) {
        case FLOAT64: case INT64: return 8;
        case FLOAT32: case INT32: return 4;
        case FLOAT16: case BFLOAT16: case INT16: return 2;
        default: return 1;
    }
}

__device__ __forceinline__ bool isFloat(int dt) { return dt <= BFLOAT16; }

// byte offset of the element with row-major linear index i of `shape` in tensor t (t may have other strides)
__device__ __forceinline__ long long offsetOf(const TensorArg& t, const TensorArg& shape, long long i) {
    long long off = 0;
    for (int d = shape.ndim - 1; d >= 0; d--) {
        long long n = shape.shape[d];
        long long c = i % n;
        i /= n;
        off += c * t.stride[d];
    }
    return off * itemSize(t.dtype);
}

__device__ __forceinline__ double loadD(const TensorArg& t, long long off) {
    const char* p = t.data + off;
    switch (t.dtype) {
        case FLOAT32: return *(const float*)p;
        case FLOAT64: return *(const double*)p;
        case FLOAT16: return __half2float(*(const __half*)p);
        case BFLOAT16: return __bfloat162float(*(const __nv_bfloat16*)p);
        case INT8: return *(const signed char*)p;
        case UINT8: return *(const unsigned char*)p;
        case INT16: return *(const short*)p;
        case INT32: return *(const int*)p;
        case INT64: return (double)*(const long long*)p;
        default: return *(const unsigned char*)p != 0 ? 1.0 : 0.0;
    }
}

__device__ __forceinline__ long long loadL(const TensorArg& t, long long off) {
    const char* p = t.data + off;
    switch (t.dtype) {
        case INT8: return *(const signed char*)p;
        case UINT8: return *(const unsigned char*)p;
        case INT16: return *(const short*)p;
        case INT32: return *(const int*)p;
        case INT64: return *(const long long*)p;
        case BOOL: return *(const unsigned char*)p != 0;
        default: return (long long)loadD(t, off);
    }
}

__device__ __forceinline__ void storeD(const TensorArg& t, long long off, double v) {
    char* p = t.data + off;
    switch (t.dtype) {
        case FLOAT32: *(float*)p = (float)v; break;
        case FLOAT64: *(double*)p = v; break;
        case FLOAT16: *(__half*)p = __double2half(v); break;
        case BFLOAT16: *(__nv_bfloat16*)p = __float2bfloat16((float)v); break;
        case BOOL: *(unsigned char*)p = v != 0.0; break;   // NaN is true, as in PyTorch
        default: {
            long long l = (long long)v;
            switch (t.dtype) {
                case INT8: *(signed char*)p = (signed char)l; break;
                case UINT8: *(unsigned char*)p = (unsigned char)l; break;
                case INT16: *(short*)p = (short)l; break;
                case INT32: *(int*)p = (int)l; break;
                default: *(long long*)p = l; break;
            }
        }
    }
}

__device__ __forceinline__ void storeL(const TensorArg& t, long long off, long long v) {
    char* p = t.data + off;
    switch (t.dtype) {
        case INT8: *(signed char*)p = (signed char)v; break;
        case UINT8: *(unsigned char*)p = (unsigned char)v; break;
        case INT16: *(short*)p = (short)v; break;
        case INT32: *(int*)p = (int)v; break;
        case INT64: *(long long*)p = v; break;
        case BOOL: *(unsigned char*)p = v != 0; break;
        default: storeD(t, off, (double)v); break;
    }
}

#define GRID_STRIDE(i, n) for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < (n); \
                               i += (long long)blockDim.x * gridDim.x)

// ---------------------------------------------------------------- memory

// dst = src (shapes equal, any dtypes): integers travel as integers, everything else through double
extern "C" __global__ void jt_copy(TensorArg src, TensorArg dst, long long n) {
    GRID_STRIDE(i, n) {
        long long so = offsetOf(src, dst, i), d = offsetOf(dst, dst, i);
        if (!isFloat(src.dtype) && !isFloat(dst.dtype)) storeL(dst, d, loadL(src, so));
        else storeD(dst, d, loadD(src, so));
    }
}

extern "C" __global__ void jt_fill(TensorArg dst, double value, long long ivalue, int exact, long long n) {
    GRID_STRIDE(i, n) {
        long long d = offsetOf(dst, dst, i);
        if (exact) storeL(dst, d, ivalue); else storeD(dst, d, value);
    }
}

// ---------------------------------------------------------------- elementwise

__device__ double unaryD(int op, double x) {
    switch (op) {
        case ABS: return fabs(x);
        case NEG: return -x;
        case SIGN: return (double)((0.0 < x) - (x < 0.0));
        case EXP: return exp(x);
        case EXP2: return exp2(x);
        case EXPM1: return expm1(x);
        case LOG: return log(x);
        case LOG1P: return log1p(x);
        case LOG2: return log2(x);
        case LOG10: return log10(x);
        case SQRT: return sqrt(x);
        case RSQRT: return rsqrt(x);
        case SQUARE: return x * x;
        case RECIPROCAL: return 1.0 / x;
        case SIN: return sin(x);
        case COS: return cos(x);
        case TAN: return tan(x);
        case ASIN: return asin(x);
        case ACOS: return acos(x);
        case ATAN: return atan(x);
        case SINH: return sinh(x);
        case COSH: return cosh(x);
        case TANH: return tanh(x);
        case ASINH: return asinh(x);
        case ACOSH: return acosh(x);
        case ATANH: return atanh(x);
        case SIGMOID: return 1.0 / (1.0 + exp(-x));
        case RELU: return x <= 0.0 ? 0.0 : x;   // NaN stays NaN
        case GELU: return 0.5 * x * (1.0 + erf(x * 0.70710678118654752440));
        case SILU: return x / (1.0 + exp(-x));
        case ERF: return erf(x);
        case ERFC: return erfc(x);
        case ERFINV: return erfinv(x);
        case FLOOR: return floor(x);
        case CEIL: return ceil(x);
        case ROUND: return rint(x);              // half to even, as torch.round
        case TRUNC: return trunc(x);
        case LOGICAL_NOT: return x == 0.0 ? 1.0 : 0.0;
        default: return x;
    }
}

__device__ long long unaryL(int op, long long x) {
    switch (op) {
        case ABS: return x < 0 ? -x : x;
        case NEG: return -x;
        case SIGN: return (0 < x) - (x < 0);
        case SQUARE: return x * x;
        case RELU: return x < 0 ? 0 : x;
        case LOGICAL_NOT: return x == 0;
        case BITWISE_NOT: return ~x;
        default: return x;                       // FLOOR, CEIL, ROUND, TRUNC of an integer
    }
}

extern "C" __global__ void jt_unary(int op, TensorArg in, TensorArg out, long long n) {
    GRID_STRIDE(i, n) {
        long long io = offsetOf(in, out, i), o = offsetOf(out, out, i);
        if (in.dtype == BOOL && op == BITWISE_NOT) storeL(out, o, !loadL(in, io));
        else if (isFloat(in.dtype)) storeD(out, o, unaryD(op, loadD(in, io)));
        else storeL(out, o, unaryL(op, loadL(in, io)));
    }
}

__device__ double binaryD(int op, double a, double b) {
    switch (op) {
        case ADD: return a + b;
        case SUB: return a - b;
        case MUL: return a * b;
        case DIV: return a / b;
        case DIV_TRUNC: return trunc(a / b);
        case DIV_FLOOR: return floor(a / b);
        case REMAINDER: { double r = fmod(a, b); return (r != 0.0 && ((r < 0.0) != (b < 0.0))) ? r + b : r; }
        case FMOD: return fmod(a, b);
        case POW: return pow(a, b);
        case ATAN2: return atan2(a, b);
        case HYPOT: return hypot(a, b);
        case COPYSIGN: return copysign(a, b);
        case MAXIMUM: return (isnan(a) || isnan(b)) ? a + b : fmax(a, b);
        case MINIMUM: return (isnan(a) || isnan(b)) ? a + b : fmin(a, b);
        case LOGICAL_AND: return (a != 0.0) && (b != 0.0);
        case LOGICAL_OR: return (a != 0.0) || (b != 0.0);
        case LOGICAL_XOR: return (a != 0.0) != (b != 0.0);
        case EQ: return a == b;
        case NE: return a != b;
        case LT: return a < b;
        case LE: return a <= b;
        case GT: return a > b;
        case GE: return a >= b;
        default: return 0.0;
    }
}

__device__ long long binaryL(int op, long long a, long long b) {
    switch (op) {
        case ADD: return a + b;
        case SUB: return a - b;
        case MUL: return a * b;
        case DIV: case DIV_TRUNC: return b == 0 ? 0 : a / b;   // the host checks for zero divisors first
        case DIV_FLOOR: { if (b == 0) return 0; long long q = a / b; return (q * b != a && ((a < 0) != (b < 0))) ? q - 1 : q; }
        case REMAINDER: { if (b == 0) return 0; long long r = a % b; return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r; }
        case FMOD: return (b == 0 || b == -1) ? 0 : a % b;   // C's % truncates, as fmod; INT64_MIN % -1 would trap
        case POW: { if (b < 0) return a == 1 ? 1 : (a == -1 ? ((b & 1) ? -1 : 1) : 0);
                    long long r = 1; while (b) { if (b & 1) r *= a; a *= a; b >>= 1; } return r; }
        case MAXIMUM: return a > b ? a : b;
        case MINIMUM: return a < b ? a : b;
        case BITWISE_AND: return a & b;
        case BITWISE_OR: return a | b;
        case BITWISE_XOR: return a ^ b;
        case LOGICAL_AND: return a && b;
        case LOGICAL_OR: return a || b;
        case LOGICAL_XOR: return (a != 0) != (b != 0);
        case EQ: return a == b;
        case NE: return a != b;
        case LT: return a < b;
        case LE: return a <= b;
        case GT: return a > b;
        case GE: return a >= b;
        default: return 0;
    }
}

// a, b, out share out's shape (broadcast inputs have stride 0)
extern "C" __global__ void jt_binary(int op, TensorArg a, TensorArg b, TensorArg out, long long n) {
    GRID_STRIDE(i, n) {
        long long ao = offsetOf(a, out, i), bo = offsetOf(b, out, i), o = offsetOf(out, out, i);
        if (isFloat(a.dtype)) storeD(out, o, binaryD(op, loadD(a, ao), loadD(b, bo)));
        else storeL(out, o, binaryL(op, loadL(a, ao), loadL(b, bo)));
    }
}

extern "C" __global__ void jt_clamp(TensorArg in, TensorArg out, double lo, double hi, int hasLo, int hasHi, long long n) {
    GRID_STRIDE(i, n) {
        long long io = offsetOf(in, out, i), o = offsetOf(out, out, i);
        if (isFloat(in.dtype)) {
            double x = loadD(in, io);
            if (!isnan(x)) { if (hasLo && x < lo) x = lo; if (hasHi && x > hi) x = hi; }
            storeD(out, o, x);
        } else {
            long long x = loadL(in, io);
            if (hasLo && x < (long long)lo) x = (long long)lo;
            if (hasHi && x > (long long)hi) x = (long long)hi;
            storeL(out, o, x);
        }
    }
}

extern "C" __global__ void jt_where(TensorArg cond, TensorArg a, TensorArg b, TensorArg out, long long n) {
    GRID_STRIDE(i, n) {
        bool c = loadL(cond, offsetOf(cond, out, i)) != 0;
        const TensorArg& src = c ? a : b;
        long long so = offsetOf(src, out, i), o = offsetOf(out, out, i);
        if (isFloat(out.dtype)) storeD(out, o, loadD(src, so)); else storeL(out, o, loadL(src, so));
    }
}

// ---------------------------------------------------------------- reductions

// a reduction's starting value and one step of it, in double (floating dtypes, and ALL/ANY of any dtype) or in long
// long (other integers); MAX/MIN let a NaN win and keep it
__device__ __forceinline__ double reduceStartD(int op) {
    return op == PROD || op == ALL ? 1.0 : (op == MAX ? -INFINITY : (op == MIN ? INFINITY : 0.0));
}

__device__ __forceinline__ double reduceStepD(int op, double acc, double x) {
    switch (op) {
        case SUM: return acc + x;
        case PROD: return acc * x;
        case MAX: return (isnan(x) || x > acc) ? x : acc;
        case MIN: return (isnan(x) || x < acc) ? x : acc;
        case ALL: return (acc != 0.0 && x != 0.0) ? 1.0 : 0.0;
        default: return (acc != 0.0 || x != 0.0) ? 1.0 : 0.0;
    }
}

__device__ __forceinline__ long long reduceStartL(int op) {
    return op == PROD ? 1 : (op == MAX ? LLONG_MIN : (op == MIN ? LLONG_MAX : 0));
}

__device__ __forceinline__ long long reduceStepL(int op, long long acc, long long x) {
    switch (op) {
        case SUM: return acc + x;
        case PROD: return acc * x;
        case MAX: return x > acc ? x : acc;
        default: return x < acc ? x : acc;
    }
}

__device__ __forceinline__ bool reducesInDouble(int op, const TensorArg& in) { return isFloat(in.dtype) || op == ALL || op == ANY; }

// one thread per output, for many outputs: out has in's rank with 1 at reduced dims; inner holds the reduced dims'
// sizes and in's strides for them
extern "C" __global__ void jt_reduce(int op, TensorArg in, TensorArg inner, TensorArg out, long long n, long long m) {
    GRID_STRIDE(i, n) {
        long long base = offsetOf(in, out, i), o = offsetOf(out, out, i);
        if (reducesInDouble(op, in)) {
            double acc = reduceStartD(op);
            for (long long j = 0; j < m; j++) acc = reduceStepD(op, acc, loadD(in, base + offsetOf(inner, inner, j)));
            storeD(out, o, acc);
        } else {
            long long acc = reduceStartL(op);
            for (long long j = 0; j < m; j++) acc = reduceStepL(op, acc, loadL(in, base + offsetOf(inner, inner, j)));
            storeL(out, o, acc);
        }
    }
}

#define REDUCE_BLOCK 256

// one block of REDUCE_BLOCK threads per output, for few outputs over many elements (a conv bias gradient sums 43,264
// per channel, which one thread does a load at a time): each thread folds every REDUCE_BLOCK-th element, then a tree in
// shared memory. Same arguments as jt_reduce
extern "C" __global__ void jt_reduce_block(int op, TensorArg in, TensorArg inner, TensorArg out, long long n, long long m) {
    __shared__ double partD[REDUCE_BLOCK];
    __shared__ long long partL[REDUCE_BLOCK];
    const int t = threadIdx.x;
    for (long long i = blockIdx.x; i < n; i += gridDim.x) {
        long long base = offsetOf(in, out, i), o = offsetOf(out, out, i);
        if (reducesInDouble(op, in)) {
            double acc = reduceStartD(op);
            for (long long j = t; j < m; j += REDUCE_BLOCK) acc = reduceStepD(op, acc, loadD(in, base + offsetOf(inner, inner, j)));
            partD[t] = acc;
            __syncthreads();
            for (int s = REDUCE_BLOCK / 2; s > 0; s >>= 1) {
                if (t < s) partD[t] = reduceStepD(op, partD[t], partD[t + s]);
                __syncthreads();
            }
            if (t == 0) storeD(out, o, partD[0]);
        } else {
            long long acc = reduceStartL(op);
            for (long long j = t; j < m; j += REDUCE_BLOCK) acc = reduceStepL(op, acc, loadL(in, base + offsetOf(inner, inner, j)));
            partL[t] = acc;
            __syncthreads();
            for (int s = REDUCE_BLOCK / 2; s > 0; s >>= 1) {
                if (t < s) partL[t] = reduceStepL(op, partL[t], partL[t + s]);
                __syncthreads();
            }
            if (t == 0) storeL(out, o, partL[0]);
        }
        __syncthreads(); // the shared partials are reused by the block's next output
    }
}

// MAX or MIN along one dim with the first index of the extremum (NaN wins and stops the search); values and indices
// have in's rank with 1 at the dim, whose m elements lie `step` bytes apart in `in`
extern "C" __global__ void jt_reduce_index(int op, TensorArg in, TensorArg values, TensorArg indices, long long step,
                                           long long n, long long m) {
    GRID_STRIDE(i, n) {
        long long base = offsetOf(in, values, i), best = 0;
        if (isFloat(in.dtype)) {
            double b = loadD(in, base);
            for (long long j = 1; j < m && !isnan(b); j++) {
                double x = loadD(in, base + j * step);
                if (isnan(x) || (op == MAX ? x > b : x < b)) { b = x; best = j; }
            }
            storeD(values, offsetOf(values, values, i), b);
        } else {
            long long b = loadL(in, base);
            for (long long j = 1; j < m; j++) {
                long long x = loadL(in, base + j * step);
                if (op == MAX ? x > b : x < b) { b = x; best = j; }
            }
            storeL(values, offsetOf(values, values, i), b);
        }
        storeL(indices, offsetOf(indices, indices, i), best);
    }
}

// softmax (log: log-softmax) along one dim, one thread per row, in double: the row's maximum subtracted first with no
// special case (a row of +inf, NaN or only -inf gives NaN). `rows` is in's shape with 1 at the dim (its strides are
// unused); the dim's m elements lie inStep and outStep bytes apart
extern "C" __global__ void jt_softmax(TensorArg in, TensorArg out, TensorArg rows, long long inStep, long long outStep,
                                      int log, long long n, long long m) {
    GRID_STRIDE(i, n) {
        long long ib = offsetOf(in, rows, i), ob = offsetOf(out, rows, i);
        double mx = -INFINITY;
        for (long long j = 0; j < m; j++) {
            double x = loadD(in, ib + j * inStep);
            if (isnan(x) || x > mx) mx = x;
        }
        double sum = 0.0;
        for (long long j = 0; j < m; j++) sum += exp(loadD(in, ib + j * inStep) - mx);
        double logSum = ::log(sum);
        for (long long j = 0; j < m; j++) {
            double x = loadD(in, ib + j * inStep) - mx;
            storeD(out, ob + j * outStep, log ? x - logSum : exp(x) / sum);
        }
    }
}

// ---------------------------------------------------------------- autograd helpers and indexing

// out = self <= threshold ? 0 : grad (ReLU's gradient; a NaN in self lets grad through); all share out's shape
extern "C" __global__ void jt_threshold_backward(TensorArg grad, TensorArg self, TensorArg out, double threshold, long long n) {
    GRID_STRIDE(i, n) {
        bool zero = loadD(self, offsetOf(self, out, i)) <= threshold;
        storeD(out, offsetOf(out, out, i), zero ? 0.0 : loadD(grad, offsetOf(grad, out, i)));
    }
}

// the coordinate along dim d of the element with row-major linear index i of t's shape
__device__ __forceinline__ long long coordOf(const TensorArg& t, long long i, int d) {
    for (int k = t.ndim - 1; k > d; k--) i /= t.shape[k];
    return i % t.shape[d];
}

__device__ __forceinline__ void copyElement(const TensorArg& from, long long fo, const TensorArg& to, long long o) {
    if (isFloat(to.dtype)) storeD(to, o, loadD(from, fo)); else storeL(to, o, loadL(from, fo));
}

// out[.., j, ..] = in[.., index[j], ..] along dim (index: int64 positions the caller checked, 1-D or 0-dim)
extern "C" __global__ void jt_index_select(TensorArg in, TensorArg index, TensorArg out, int dim, long long n) {
    GRID_STRIDE(i, n) {
        long long j = coordOf(out, i, dim);
        long long p = loadL(index, index.ndim == 0 ? 0 : j * index.stride[0] * itemSize(index.dtype));
        copyElement(in, offsetOf(in, out, i) + (p - j) * in.stride[dim] * itemSize(in.dtype), out, offsetOf(out, out, i));
    }
}

// out[.., k, ..] = in[.., index[.., k, ..], ..] along dim; out and index share a shape, positions checked by the caller
extern "C" __global__ void jt_gather(TensorArg in, TensorArg index, TensorArg out, int dim, long long n) {
    GRID_STRIDE(i, n) {
        long long j = coordOf(out, i, dim), p = loadL(index, offsetOf(index, out, i));
        copyElement(in, offsetOf(in, out, i) + (p - j) * in.stride[dim] * itemSize(in.dtype), out, offsetOf(out, out, i));
    }
}

// adds v to the 1- or 2-byte element at p (int8, uint8, int16, bool, bfloat16) by compare-and-swap of its aligned
// 32-bit word: integers wrap, bool is a logical or, bfloat16 rounds the float sum, as the CPU backend's scatter_add
__device__ void atomicAddNarrow(char* p, int dt, double v) {
    unsigned int* word = (unsigned int*)((size_t)p & ~(size_t)3);
    int shift = (int)((size_t)p & 3) * 8;
    unsigned int mask = (itemSize(dt) == 1 ? 0xFFu : 0xFFFFu) << shift;
    unsigned int old = *word, assumed;
    do {
        assumed = old;
        unsigned int bits = (assumed & mask) >> shift, sum;
        switch (dt) {
            case INT8: sum = (unsigned char)(signed char)((signed char)bits + (long long)v); break;
            case UINT8: sum = (unsigned char)(bits + (long long)v); break;
            case INT16: sum = (unsigned short)(short)((short)bits + (long long)v); break;
            case BOOL: sum = (bits != 0 || v != 0.0) ? 1u : 0u; break;
            default: sum = __bfloat16_as_ushort(__float2bfloat16(
                             __bfloat162float(__ushort_as_bfloat16((unsigned short)bits)) + (float)v)); break;
        }
        old = atomicCAS(word, assumed, (assumed & ~mask) | ((sum << shift) & mask));
    } while (assumed != old);
}

// self[.., index[.., k, ..], ..] = src[.., k, ..] (add: +=, atomically) over index's elements; with duplicate
// positions and add == 0 one of the writes wins, as in PyTorch
extern "C" __global__ void jt_scatter(TensorArg self, TensorArg index, TensorArg src, int dim, int add, long long n) {
    GRID_STRIDE(i, n) {
        long long j = coordOf(index, i, dim), p = loadL(index, offsetOf(index, index, i));
        long long so = offsetOf(self, index, i) + (p - j) * self.stride[dim] * itemSize(self.dtype);
        long long xo = offsetOf(src, index, i);
        if (!add) { copyElement(src, xo, self, so); continue; }
        char* at = self.data + so;
        switch (self.dtype) {
            case FLOAT32: atomicAdd((float*)at, (float)loadD(src, xo)); break;
            case FLOAT64: atomicAdd((double*)at, loadD(src, xo)); break;
            case FLOAT16: atomicAdd((__half*)at, __double2half(loadD(src, xo))); break;
            case INT32: atomicAdd((int*)at, (int)loadL(src, xo)); break;
            case INT64: atomicAdd((unsigned long long*)at, (unsigned long long)loadL(src, xo)); break;
            default: atomicAddNarrow(at, self.dtype, loadD(src, xo)); break;
        }
    }
}

// ---------------------------------------------------------------- kernels built but not yet wired into CudaBackend

// softmax over contiguous float rows: one block per row, blockDim a power of two <= 1024, blockDim floats of shared memory
extern "C" __global__ void jt_softmax_rows_f32(const float* in, float* out, long long rows, long long cols) {
    extern __shared__ float red[];
    for (long long r = blockIdx.x; r < rows; r += gridDim.x) {
        const float* x = in + r * cols;
        float* y = out + r * cols;
        float mx = -INFINITY;
        for (long long c = threadIdx.x; c < cols; c += blockDim.x) mx = fmaxf(mx, x[c]);
        red[threadIdx.x] = mx;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) red[threadIdx.x] = fmaxf(red[threadIdx.x], red[threadIdx.x + s]);
            __syncthreads();
        }
        mx = red[0];
        __syncthreads();
        float sum = 0.f;
        for (long long c = threadIdx.x; c < cols; c += blockDim.x) sum += expf(x[c] - mx);
        red[threadIdx.x] = sum;
        __syncthreads();
        for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (threadIdx.x < s) red[threadIdx.x] += red[threadIdx.x + s];
            __syncthreads();
        }
        sum = red[0];
        __syncthreads();
        for (long long c = threadIdx.x; c < cols; c += blockDim.x) y[c] = expf(x[c] - mx) / sum;
    }
}

// ---------------------------------------------------------------- convolution and pooling (float32 and float64)

// columns [C*kh*kw, N*outH*outW] (row (c*kh+i)*kw+j, column (n*outH+oh)*outW+ow) from contiguous [N,C,H,W]; taps outside are 0
template <typename T>
__device__ void im2col(const T* in, T* cols, int N, int C, int H, int W, int kh, int kw,
                       int sh, int sw, int ph, int pw, int dh, int dw, int outH, int outW) {
    long long colsPerRow = (long long)N * outH * outW, n = (long long)C * kh * kw * colsPerRow;
    GRID_STRIDE(i, n) {
        long long col = i % colsPerRow, row = i / colsPerRow;
        int j = row % kw, ki = (row / kw) % kh, c = row / (kw * kh);
        int ow = col % outW, oh = (col / outW) % outH, b = col / ((long long)outW * outH);
        int ih = oh * sh - ph + ki * dh, iw = ow * sw - pw + j * dw;
        cols[i] = (ih >= 0 && ih < H && iw >= 0 && iw < W) ? in[(((long long)b * C + c) * H + ih) * W + iw] : (T)0;
    }
}

// the adjoint of im2col: one thread per input element sums the columns that read it (no atomics)
template <typename T>
__device__ void col2im(const T* cols, T* out, int N, int C, int H, int W, int kh, int kw,
                       int sh, int sw, int ph, int pw, int dh, int dw, int outH, int outW) {
    long long colsPerRow = (long long)N * outH * outW, n = (long long)N * C * H * W;
    GRID_STRIDE(i, n) {
        int iw = i % W, ih = (i / W) % H, c = (i / ((long long)W * H)) % C, b = i / ((long long)W * H * C);
        T acc = 0;
        for (int ki = 0; ki < kh; ki++) {
            int t = ih + ph - ki * dh;
            if (t < 0 || t % sh) continue;
            int oh = t / sh;
            if (oh >= outH) continue;
            for (int j = 0; j < kw; j++) {
                int u = iw + pw - j * dw;
                if (u < 0 || u % sw) continue;
                int ow = u / sw;
                if (ow >= outW) continue;
                long long row = ((long long)c * kh + ki) * kw + j;
                acc += cols[row * colsPerRow + ((long long)b * outH + oh) * outW + ow];
            }
        }
        out[i] = acc;
    }
}

// max pooling of contiguous planes [P,H,W] into values and flat indices ih*W+iw [P,outH,outW]; taps outside the plane
// are skipped; as the CPU backend and PyTorch: the first tap inside when all are -inf, the last NaN when there are NaNs
template <typename T>
__device__ void maxPool(const T* in, T* values, long long* indices, long long planes, int H, int W, int kh, int kw,
                        int sh, int sw, int ph, int pw, int dh, int dw, int outH, int outW) {
    long long n = planes * outH * outW;
    GRID_STRIDE(i, n) {
        int x = i % outW, y = (i / outW) % outH;
        const T* plane = in + (i / ((long long)outW * outH)) * H * W;
        int hs = y * sh - ph, ws = x * sw - pw;
        int kiLo = hs >= 0 ? 0 : (-hs + dh - 1) / dh, kjLo = ws >= 0 ? 0 : (-ws + dw - 1) / dw;
        long long best = (long long)(hs + kiLo * dh) * W + ws + kjLo * dw;
        T mx = -INFINITY;
        for (int ki = kiLo; ki < kh; ki++) {
            int ih = hs + ki * dh;
            if (ih >= H) break;
            for (int kj = kjLo; kj < kw; kj++) {
                int iw = ws + kj * dw;
                if (iw >= W) break;
                T v = plane[ih * W + iw];
                if (v > mx || v != v) { mx = v; best = (long long)ih * W + iw; }
            }
        }
        values[i] = mx;
        indices[i] = best;
    }
}

// max pooling's backward into `out` [P, plane] (zeroed by the host): each gradient added at its flat index, atomically
// (overlapping windows can share a winner); an index outside [0, plane) is skipped and sets *bad for the host to report
template <typename T>
__device__ void maxPoolBackward(const T* grad, const long long* indices, T* out, long long n, long long outs,
                                long long plane, int* bad) {
    GRID_STRIDE(i, n) {
        long long k = indices[i];
        if (k < 0 || k >= plane) { atomicExch(bad, 1); continue; }
        atomicAdd(out + (i / outs) * plane + k, grad[i]);
    }
}

#define WINDOW_PARAMS int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int outH, int outW
#define WINDOW_ARGS kh, kw, sh, sw, ph, pw, dh, dw, outH, outW
extern "C" __global__ void jt_im2col_f32(const float* in, float* cols, int N, int C, int H, int W, WINDOW_PARAMS) { im2col(in, cols, N, C, H, W, WINDOW_ARGS); }
extern "C" __global__ void jt_im2col_f64(const double* in, double* cols, int N, int C, int H, int W, WINDOW_PARAMS) { im2col(in, cols, N, C, H, W, WINDOW_ARGS); }
extern "C" __global__ void jt_col2im_f32(const float* cols, float* out, int N, int C, int H, int W, WINDOW_PARAMS) { col2im(cols, out, N, C, H, W, WINDOW_ARGS); }
extern "C" __global__ void jt_col2im_f64(const double* cols, double* out, int N, int C, int H, int W, WINDOW_PARAMS) { col2im(cols, out, N, C, H, W, WINDOW_ARGS); }
extern "C" __global__ void jt_max_pool_f32(const float* in, float* values, long long* indices, long long planes, int H, int W, WINDOW_PARAMS) {
    maxPool(in, values, indices, planes, H, W, WINDOW_ARGS);
}
extern "C" __global__ void jt_max_pool_f64(const double* in, double* values, long long* indices, long long planes, int H, int W, WINDOW_PARAMS) {
    maxPool(in, values, indices, planes, H, W, WINDOW_ARGS);
}
extern "C" __global__ void jt_max_pool_backward_f32(const float* grad, const long long* indices, float* out, long long n, long long outs,
                                                    long long plane, int* bad) { maxPoolBackward(grad, indices, out, n, outs, plane, bad); }
extern "C" __global__ void jt_max_pool_backward_f64(const double* grad, const long long* indices, double* out, long long n, long long outs,
                                                    long long plane, int* bad) { maxPoolBackward(grad, indices, out, n, outs, plane, bad); }

// ---------------------------------------------------------------- fused optimizer updates (Backend.addScaled, Backend.adamStep)

// contiguous float32, one rounded operation at a time in the order of the tensor ops they replace (and of the CPU's
// fused kernels), so that fused and unfused steps give the same bits on either device: the _rn intrinsics keep nvcc
// from contracting a product and a sum into one fma

// s = s + t * a
extern "C" __global__ void jt_add_scaled_f32(float* s, const float* t, float a, long long n) {
    GRID_STRIDE(i, n) s[i] = __fadd_rn(s[i], __fmul_rn(t[i], a));
}

// m = m*beta1 + g*(1-beta1); v = v*beta2 + (g*(1-beta2))*g; d = sqrt(v)/bc2Sqrt + eps; p = p + (m*(-stepSize))/d
extern "C" __global__ void jt_adam_step_f32(float* p, const float* g, float* m, float* v, long long n, float beta1,
                                           float oneMinusBeta1, float beta2, float oneMinusBeta2, float negStepSize,
                                           float bc2Sqrt, float eps) {
    GRID_STRIDE(i, n) {
        float gi = g[i];
        float mi = __fadd_rn(__fmul_rn(m[i], beta1), __fmul_rn(gi, oneMinusBeta1));
        float vi = __fadd_rn(__fmul_rn(v[i], beta2), __fmul_rn(__fmul_rn(gi, oneMinusBeta2), gi));
        float d = __fadd_rn(__fdiv_rn(__fsqrt_rn(vi), bc2Sqrt), eps);
        m[i] = mi;
        v[i] = vi;
        p[i] = __fadd_rn(p[i], __fdiv_rn(__fmul_rn(mi, negStepSize), d));
    }
}
