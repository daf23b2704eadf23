// Decoder kernels of the CUDA backend (issue #18), compiled to PTX by build-ptx.sh and
// loaded with cuModuleLoadData. Each kernel mirrors a CPU kernel of the engine's cpu
// package; the launch geometry each one expects is written above it and used by
// dev.springcohere.engine.cuda.DecoderKernels.
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <stdint.h>

#define WARP 32

__device__ __forceinline__ float warp_sum(float v) {
	for (int offset = WARP / 2; offset > 0; offset /= 2) {
		v += __shfl_xor_sync(0xffffffffu, v, offset);
	}
	return v;
}

// The sum over a block of at most 1024 threads, broadcast to every thread.
__device__ float block_sum(float v, float* scratch) {
	int lane = threadIdx.x % WARP;
	int warp = threadIdx.x / WARP;
	v = warp_sum(v);
	if (lane == 0) {
		scratch[warp] = v;
	}
	__syncthreads();
	int warps = (blockDim.x + WARP - 1) / WARP;
	v = (threadIdx.x < warps) ? scratch[threadIdx.x] : 0.0f;
	if (warp == 0) {
		v = warp_sum(v);
		if (lane == 0) {
			scratch[0] = v;
		}
	}
	__syncthreads();
	float total = scratch[0];
	__syncthreads();
	return total;
}

extern "C" {

// Cohere's LayerNorm: mean subtracted, no bias, in fp32.
// grid (rows), block (256); out and x are rows x dim.
__global__ void layer_norm_f32(float* out, const float* x, const float* weight, int dim, float eps) {
	__shared__ float scratch[WARP];
	const float* xr = x + (size_t) blockIdx.x * dim;
	float* o = out + (size_t) blockIdx.x * dim;
	float sum = 0.0f;
	for (int i = threadIdx.x; i < dim; i += blockDim.x) {
		sum += xr[i];
	}
	float mean = block_sum(sum, scratch) / dim;
	float squares = 0.0f;
	for (int i = threadIdx.x; i < dim; i += blockDim.x) {
		float d = xr[i] - mean;
		squares += d * d;
	}
	float inv = rsqrtf(block_sum(squares, scratch) / dim + eps);
	for (int i = threadIdx.x; i < dim; i += blockDim.x) {
		o[i] = (xr[i] - mean) * inv * weight[i];
	}
}

// Interleaved (GPT-J style) rotary embedding in place: pairs (2i, 2i + 1) of each head
// turn by position * theta^(-2i / head_dim).
// grid (tokens, heads), block (head_dim / 2); x is tokens x heads x head_dim.
__global__ void rope_interleaved_f32(float* x, const int* positions, int heads, int head_dim, float theta) {
	int i = threadIdx.x;
	if (2 * i >= head_dim) {
		return;
	}
	float* v = x + ((size_t) blockIdx.x * heads + blockIdx.y) * head_dim;
	float freq = powf(theta, -2.0f * i / head_dim);
	float angle = positions[blockIdx.x] * freq;
	float c = cosf(angle);
	float s = sinf(angle);
	float a = v[2 * i];
	float b = v[2 * i + 1];
	v[2 * i] = a * c - b * s;
	v[2 * i + 1] = a * s + b * c;
}

// SwiGLU: out = silu(gate) * up, element-wise over n values.
// grid (ceil(n / 256)), block (256).
__global__ void swiglu_f32(float* out, const float* gate, const float* up, int n) {
	int i = blockIdx.x * blockDim.x + threadIdx.x;
	if (i < n) {
		float g = gate[i];
		out[i] = g / (1.0f + __expf(-g)) * up[i];
	}
}

// x *= scale over n values (the logit scale).
// grid (ceil(n / 256)), block (256).
__global__ void scale_f32(float* x, float scale, int n) {
	int i = blockIdx.x * blockDim.x + threadIdx.x;
	if (i < n) {
		x[i] *= scale;
	}
}

// Weight-streaming GEMV for decode: y[r] = sum_c w[r][c] * x[c], bf16 weights, f32
// activations and accumulation. One warp per row, 16-byte loads (8 weights) per lane;
// cols must be a multiple of 8 and rows 16-byte aligned.
// grid (ceil(rows / 8)), block (256).
__global__ void gemv_bf16(float* y, const __nv_bfloat16* w, const float* x, int rows, int cols) {
	int row = blockIdx.x * (blockDim.x / WARP) + threadIdx.x / WARP;
	int lane = threadIdx.x % WARP;
	if (row >= rows) {
		return;
	}
	const uint4* wr = reinterpret_cast<const uint4*>(w + (size_t) row * cols);
	const float4* xv = reinterpret_cast<const float4*>(x);
	float acc = 0.0f;
	for (int k = lane; k < cols / 8; k += WARP) {
		uint4 packed = wr[k];
		const __nv_bfloat162* pairs = reinterpret_cast<const __nv_bfloat162*>(&packed);
		float4 x0 = xv[2 * k];
		float4 x1 = xv[2 * k + 1];
		float2 p0 = __bfloat1622float2(pairs[0]);
		float2 p1 = __bfloat1622float2(pairs[1]);
		float2 p2 = __bfloat1622float2(pairs[2]);
		float2 p3 = __bfloat1622float2(pairs[3]);
		acc += p0.x * x0.x + p0.y * x0.y + p1.x * x0.z + p1.y * x0.w;
		acc += p2.x * x1.x + p2.y * x1.y + p3.x * x1.z + p3.y * x1.w;
	}
	acc = warp_sum(acc);
	if (lane == 0) {
		y[row] = acc;
	}
}

// GEMV over ggml Q8_0 weights (blocks of 34 bytes: an f16 scale, then 32 int8), f32
// activations: dequantized in registers, one warp per row, one block of 32 per lane.
// grid (ceil(rows / 8)), block (256); cols a multiple of 32.
__global__ void gemv_q8_0(float* y, const uint8_t* w, const float* x, int rows, int cols) {
	int row = blockIdx.x * (blockDim.x / WARP) + threadIdx.x / WARP;
	int lane = threadIdx.x % WARP;
	if (row >= rows) {
		return;
	}
	int blocks = cols / 32;
	const uint8_t* wr = w + (size_t) row * blocks * 34;
	float acc = 0.0f;
	for (int b = lane; b < blocks; b += WARP) {
		const uint8_t* blk = wr + (size_t) b * 34;
		__half_raw raw;
		raw.x = (unsigned short) (blk[0] | (blk[1] << 8));
		float d = __half2float(__half(raw));
		const int8_t* q = reinterpret_cast<const int8_t*>(blk + 2);
		const float* xb = x + b * 32;
		float s = 0.0f;
#pragma unroll
		for (int j = 0; j < 32; j++) {
			s += q[j] * xb[j];
		}
		acc += d * s;
	}
	acc = warp_sum(acc);
	if (lane == 0) {
		y[row] = acc;
	}
}

// The index of the largest of n logits (the lowest index on ties), for greedy decoding
// without copying logits to the host.
// grid (1), block (1024).
__global__ void argmax_f32(int* out, const float* logits, int n) {
	__shared__ float best_value[1024];
	__shared__ int best_index[1024];
	float value = -INFINITY;
	int index = 0x7fffffff;
	for (int i = threadIdx.x; i < n; i += blockDim.x) {
		float v = logits[i];
		if (v > value || (v == value && i < index)) {
			value = v;
			index = i;
		}
	}
	best_value[threadIdx.x] = value;
	best_index[threadIdx.x] = index;
	__syncthreads();
	for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
		if (threadIdx.x < stride) {
			float v = best_value[threadIdx.x + stride];
			int k = best_index[threadIdx.x + stride];
			if (v > best_value[threadIdx.x] || (v == best_value[threadIdx.x] && k < best_index[threadIdx.x])) {
				best_value[threadIdx.x] = v;
				best_index[threadIdx.x] = k;
			}
		}
		__syncthreads();
	}
	if (threadIdx.x == 0) {
		out[0] = best_index[0];
	}
}

// Per-head LayerNorm of q or k (Cohere's QK-norm): row r of tokens x heads rows uses the
// weights of head r % heads. grid (tokens * heads), block (head_dim rounded up to 32,
// at most 1024).
__global__ void layer_norm_heads_f32(float* x, const float* weight, int heads, int head_dim, float eps) {
	__shared__ float scratch[WARP];
	float* v = x + (size_t) blockIdx.x * head_dim;
	const float* w = weight + (size_t) (blockIdx.x % heads) * head_dim;
	float value = (threadIdx.x < head_dim) ? v[threadIdx.x] : 0.0f;
	float mean = block_sum(value, scratch) / head_dim;
	float d = (threadIdx.x < head_dim) ? value - mean : 0.0f;
	float inv = rsqrtf(block_sum(d * d, scratch) / head_dim + eps);
	if (threadIdx.x < head_dim) {
		v[threadIdx.x] = d * inv * w[threadIdx.x];
	}
}

// out[t] = embedding row ids[t] (bf16) as floats. grid (tokens), block (256).
__global__ void embed_bf16(float* out, const __nv_bfloat16* table, const int* ids, int dim) {
	const __nv_bfloat16* row = table + (size_t) ids[blockIdx.x] * dim;
	float* o = out + (size_t) blockIdx.x * dim;
	for (int i = threadIdx.x; i < dim; i += blockDim.x) {
		o[i] = __bfloat162float(row[i]);
	}
}

// x += a + b over n values (Cohere's parallel block: residual + attention + MLP).
// grid (ceil(n / 256)), block (256).
__global__ void add2_f32(float* x, const float* a, const float* b, int n) {
	int i = blockIdx.x * blockDim.x + threadIdx.x;
	if (i < n) {
		x[i] += a[i] + b[i];
	}
}

// GEMV over ggml Q4_0 weights (blocks of 18 bytes: an f16 scale, then 16 bytes whose low
// nibbles are elements 0-15 and high nibbles 16-31, each minus 8). One warp per row.
// grid (ceil(rows / 8)), block (256); cols a multiple of 32.
__global__ void gemv_q4_0(float* y, const uint8_t* w, const float* x, int rows, int cols) {
	int row = blockIdx.x * (blockDim.x / WARP) + threadIdx.x / WARP;
	int lane = threadIdx.x % WARP;
	if (row >= rows) {
		return;
	}
	int blocks = cols / 32;
	const uint8_t* wr = w + (size_t) row * blocks * 18;
	float acc = 0.0f;
	for (int b = lane; b < blocks; b += WARP) {
		const uint8_t* blk = wr + (size_t) b * 18;
		__half_raw raw;
		raw.x = (unsigned short) (blk[0] | (blk[1] << 8));
		float d = __half2float(__half(raw));
		const float* xb = x + b * 32;
		float s = 0.0f;
#pragma unroll
		for (int j = 0; j < 16; j++) {
			int q = blk[2 + j];
			s += ((q & 0x0F) - 8) * xb[j] + ((q >> 4) - 8) * xb[j + 16];
		}
		acc += d * s;
	}
	acc = warp_sum(acc);
	if (lane == 0) {
		y[row] = acc;
	}
}

// Sets to -infinity every logit whose bit is clear in the allowed-token mask (64 tokens
// per word, bit t % 64 of word t / 64), the constraint masks of constrained decoding.
// grid (ceil(n / 256)), block (256).
__global__ void mask_logits_f32(float* logits, const unsigned long long* allowed, int n) {
	int i = blockIdx.x * blockDim.x + threadIdx.x;
	if (i < n && ((allowed[i / 64] >> (i % 64)) & 1ULL) == 0) {
		logits[i] = -INFINITY;
	}
}

// Decode attention over a paged KV cache (one new query token per sequence), with an
// online softmax so any context length fits: warps take the sequence's positions in turn,
// each keeps its running maximum, sum and weighted values, and the warps are merged at
// the end. Keys and values are bf16 in blocks of block_size positions laid out as
// [block][position in block][kv head][head_dim]; block_tables holds max_blocks block
// numbers per sequence. window > 0 keeps only the last window positions (sliding-window
// layers). GQA: query head h reads kv head h / (heads / kv_heads).
// grid (sequences, heads), block (128); head_dim a multiple of 32, at most 256.
__global__ void paged_attention_decode(float* out, const float* q, const __nv_bfloat16* k_cache,
		const __nv_bfloat16* v_cache, const int* block_tables, const int* seq_lens, int max_blocks, int heads,
		int kv_heads, int head_dim, int block_size, int window, float scale) {
	const int PER_LANE = 8;
	__shared__ float q_shared[256];
	__shared__ float warp_max[4];
	__shared__ float warp_sum_shared[4];
	__shared__ float warp_acc[4][256];
	int seq = blockIdx.x;
	int head = blockIdx.y;
	int kv_head = head / (heads / kv_heads);
	int lane = threadIdx.x % WARP;
	int warp = threadIdx.x / WARP;
	int warps = blockDim.x / WARP;
	const float* qh = q + ((size_t) seq * heads + head) * head_dim;
	for (int i = threadIdx.x; i < head_dim; i += blockDim.x) {
		q_shared[i] = qh[i] * scale;
	}
	__syncthreads();
	int len = seq_lens[seq];
	int first = (window > 0 && len > window) ? len - window : 0;
	int per_lane = head_dim / WARP;
	float m = -INFINITY;
	float l = 0.0f;
	float acc[PER_LANE];
	for (int j = 0; j < PER_LANE; j++) {
		acc[j] = 0.0f;
	}
	const int* table = block_tables + (size_t) seq * max_blocks;
	for (int t = first + warp; t < len; t += warps) {
		size_t base = (((size_t) table[t / block_size] * block_size + t % block_size) * kv_heads + kv_head) * head_dim;
		float partial = 0.0f;
		for (int j = 0; j < per_lane; j++) {
			int d = lane + j * WARP;
			partial += q_shared[d] * __bfloat162float(k_cache[base + d]);
		}
		float score = warp_sum(partial);
		float m_new = fmaxf(m, score);
		float correction = __expf(m - m_new);
		float p = __expf(score - m_new);
		l = l * correction + p;
		for (int j = 0; j < per_lane; j++) {
			int d = lane + j * WARP;
			acc[j] = acc[j] * correction + p * __bfloat162float(v_cache[base + d]);
		}
		m = m_new;
	}
	if (lane == 0) {
		warp_max[warp] = m;
		warp_sum_shared[warp] = l;
	}
	for (int j = 0; j < per_lane; j++) {
		warp_acc[warp][lane + j * WARP] = acc[j];
	}
	__syncthreads();
	float total_max = -INFINITY;
	for (int w = 0; w < warps; w++) {
		total_max = fmaxf(total_max, warp_max[w]);
	}
	float total_sum = 0.0f;
	for (int w = 0; w < warps; w++) {
		total_sum += (warp_sum_shared[w] > 0.0f) ? warp_sum_shared[w] * __expf(warp_max[w] - total_max) : 0.0f;
	}
	float* o = out + ((size_t) seq * heads + head) * head_dim;
	for (int d = threadIdx.x; d < head_dim; d += blockDim.x) {
		float value = 0.0f;
		for (int w = 0; w < warps; w++) {
			if (warp_sum_shared[w] > 0.0f) {
				value += warp_acc[w][d] * __expf(warp_max[w] - total_max);
			}
		}
		o[d] = value / total_sum;
	}
}

}
