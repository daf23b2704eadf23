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

}
