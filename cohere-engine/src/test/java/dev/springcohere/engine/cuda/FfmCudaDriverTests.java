package dev.springcohere.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link FfmCudaDriver} and {@link DecoderKernels} bound to the fake driver library: the
 * FFM signatures, argument packing, error mapping and launch geometry, run by every build
 * (a GPU is needed only for what the kernels compute).
 */
class FfmCudaDriverTests {

	private FfmCudaDriver driver;

	@BeforeEach
	void load() {
		FakeDriverLibrary.configure(1, 9, 0, 1L << 30);
		this.driver = FfmCudaDriver.load(FakeDriverLibrary.path());
	}

	@Test
	void callsBeforeInitFailNamingTheCallAndTheDriversError() {
		assertThatExceptionOfType(CudaException.class).isThrownBy(this.driver::deviceCount)
			.withMessage("cuDeviceGetCount failed with CUDA_ERROR_NOT_INITIALIZED (3)")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(3));
	}

	@Test
	void reportsTheDevice() {
		this.driver.init();
		assertThat(this.driver.driverVersion()).isEqualTo(13000);
		assertThat(this.driver.deviceCount()).isEqualTo(1);
		int device = this.driver.device(0);
		assertThat(this.driver.deviceName(device)).isEqualTo("Fake CUDA Device");
		assertThat(this.driver.totalMemory(device)).isEqualTo(1L << 30);
		assertThat(this.driver.attribute(device, CudaDriver.COMPUTE_CAPABILITY_MAJOR)).isEqualTo(9);
		assertThat(this.driver.attribute(device, CudaDriver.MULTIPROCESSOR_COUNT)).isEqualTo(132);
		assertThat(this.driver.retainPrimaryContext(device)).isNotZero();
		this.driver.releasePrimaryContext(device);
		assertThatExceptionOfType(CudaException.class).isThrownBy(() -> this.driver.device(3))
			.withMessageContaining("cuDeviceGet failed with CUDA_ERROR_INVALID_VALUE");
	}

	@Test
	void copiesToAndFromDeviceMemory() {
		this.driver.init();
		int live = FakeDriverLibrary.liveAllocations();
		long pointer = this.driver.allocate(64);
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment host = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f, 3f, 4f);
			this.driver.copyToDevice(pointer + 16, host);
			MemorySegment back = arena.allocate(32);
			this.driver.copyToHost(back, pointer);
			assertThat(back.asSlice(16, 16).toArray(ValueLayout.JAVA_FLOAT)).containsExactly(1f, 2f, 3f, 4f);
			assertThat(back.asSlice(0, 16).toArray(ValueLayout.JAVA_FLOAT)).containsOnly(0f);
			assertThatExceptionOfType(CudaException.class)
				.isThrownBy(() -> this.driver.copyToDevice(pointer + 60, host))
				.withMessage("cuMemcpyHtoD failed with CUDA_ERROR_INVALID_VALUE (1)");
		}
		this.driver.free(pointer);
		assertThat(FakeDriverLibrary.liveAllocations()).isEqualTo(live);
		assertThatExceptionOfType(CudaException.class).isThrownBy(() -> this.driver.free(pointer))
			.withMessage("cuMemFree failed with CUDA_ERROR_INVALID_VALUE (1)");
		assertThatExceptionOfType(CudaException.class).isThrownBy(() -> this.driver.allocate(2L << 30))
			.withMessage("cuMemAlloc failed with CUDA_ERROR_OUT_OF_MEMORY (2)");
	}

	@Test
	void loadsTheDecoderPtxAndFindsEveryKernel() {
		this.driver.init();
		try (DecoderKernels kernels = new DecoderKernels(this.driver)) {
			assertThat(kernels.names()).containsExactly("add2_f32", "argmax_f32", "embed_bf16", "gemv_bf16",
					"gemv_q4_0", "gemv_q8_0", "layer_norm_f32", "layer_norm_heads_f32", "mask_logits_f32",
					"paged_attention_decode", "rope_interleaved_f32", "scale_f32", "swiglu_f32");
		}
		long module = this.driver.loadModule(PtxModules.read(PtxModules.DECODER));
		assertThatExceptionOfType(CudaException.class).isThrownBy(() -> this.driver.function(module, "missing"))
			.withMessage("cuModuleGetFunction(missing) failed with CUDA_ERROR_NOT_FOUND (500)");
		assertThatExceptionOfType(CudaException.class).isThrownBy(() -> this.driver.loadModule("not ptx"))
			.withMessage("cuModuleLoadData failed with CUDA_ERROR_INVALID_PTX (218)");
		this.driver.unloadModule(module);
	}

	@Test
	void launchesWithTheGeometryAndArgumentsEachKernelExpects() {
		this.driver.init();
		long stream = this.driver.createStream();
		try (DecoderKernels kernels = new DecoderKernels(this.driver)) {
			kernels.layerNorm(stream, 0x100, 0x200, 0x300, 5, 4096, 1e-5f);
			FakeDriverLibrary.Launch norm = FakeDriverLibrary.lastLaunch();
			assertThat(norm.kernel()).isEqualTo("layer_norm_f32");
			assertThat(norm.dims()).containsExactly(5, 1, 1, 256, 1, 1, 0);
			assertThat(norm.params()).hasSize(5).startsWith(0x100, 0x200, 0x300);
			assertThat(norm.intParam(3)).isEqualTo(4096);
			assertThat(norm.floatParam(4)).isEqualTo(1e-5f);

			kernels.rope(stream, 0x100, 0x400, 7, 32, 128, 10000f);
			assertThat(FakeDriverLibrary.lastLaunch().dims()).containsExactly(7, 32, 1, 64, 1, 1, 0);

			kernels.gemvBf16(stream, 0x1, 0x2, 0x3, 4100, 4096);
			FakeDriverLibrary.Launch gemv = FakeDriverLibrary.lastLaunch();
			assertThat(gemv.kernel()).isEqualTo("gemv_bf16");
			assertThat(gemv.dims()).containsExactly(513, 1, 1, 256, 1, 1, 0);
			assertThat(gemv.intParam(3)).isEqualTo(4100);
			assertThat(gemv.intParam(4)).isEqualTo(4096);

			kernels.swiglu(stream, 0x1, 0x2, 0x3, 14336);
			assertThat(FakeDriverLibrary.lastLaunch().dims()).containsExactly(56, 1, 1, 256, 1, 1, 0);

			kernels.argmax(stream, 0x1, 0x2, 256000);
			assertThat(FakeDriverLibrary.lastLaunch().dims()).containsExactly(1, 1, 1, 1024, 1, 1, 0);

			kernels.layerNormHeads(stream, 0x1, 0x2, 3 * 32, 32, 100, 1e-5f);
			assertThat(FakeDriverLibrary.lastLaunch().dims()).containsExactly(96, 1, 1, 128, 1, 1, 0);

			kernels.maskLogits(stream, 0x1, 0x2, 256000);
			assertThat(FakeDriverLibrary.lastLaunch().dims()).containsExactly(1000, 1, 1, 256, 1, 1, 0);

			DecoderKernels.PagedCache cache = new DecoderKernels.PagedCache(0xA0, 0xB0, 64, 32, 8, 128, 16);
			kernels.pagedAttentionDecode(stream, 0x1, 0x2, cache, 0x3, 0x4, 5, 4096, 0.088f);
			FakeDriverLibrary.Launch attention = FakeDriverLibrary.lastLaunch();
			assertThat(attention.kernel()).isEqualTo("paged_attention_decode");
			assertThat(attention.dims()).containsExactly(5, 32, 1, 128, 1, 1, 0);
			assertThat(attention.params()).hasSize(13).startsWith(0x1, 0x2, 0xA0, 0xB0, 0x3, 0x4);
			assertThat(new int[] { attention.intParam(6), attention.intParam(7), attention.intParam(8),
					attention.intParam(9), attention.intParam(10), attention.intParam(11) })
				.containsExactly(64, 32, 8, 128, 16, 4096);
			assertThat(attention.floatParam(12)).isEqualTo(0.088f);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new DecoderKernels.PagedCache(0, 0, 64, 32, 6, 128, 16))
				.withMessage("heads (32) must be a multiple of kvHeads (6)");

			assertThatIllegalArgumentException().isThrownBy(() -> kernels.gemvQ8_0(stream, 1, 2, 3, 8, 100))
				.withMessage("gemv_q8_0 needs cols to be a multiple of 32, got 100");
			assertThatIllegalArgumentException().isThrownBy(() -> kernels.rope(stream, 1, 2, 1, 1, 127, 1f))
				.withMessageContaining("headDim must be even");
		}
		this.driver.synchronize(stream);
		this.driver.destroyStream(stream);
	}

	@Test
	void capturesLaunchesIntoAGraphAndReplaysIt() {
		this.driver.init();
		long stream = this.driver.createStream();
		try (DecoderKernels kernels = new DecoderKernels(this.driver)) {
			int before = FakeDriverLibrary.launches();
			this.driver.beginCapture(stream);
			kernels.scale(stream, 0x1, 0.5f, 10);
			kernels.scale(stream, 0x1, 0.5f, 10);
			kernels.argmax(stream, 0x2, 0x1, 10);
			long graph = this.driver.endCapture(stream);
			assertThat(FakeDriverLibrary.launches()).as("captured, not run").isEqualTo(before);
			int graphLaunches = FakeDriverLibrary.graphLaunches();
			this.driver.launchGraph(graph, stream);
			this.driver.launchGraph(graph, stream);
			assertThat(FakeDriverLibrary.launches()).isEqualTo(before + 6);
			assertThat(FakeDriverLibrary.graphLaunches()).isEqualTo(graphLaunches + 2);
			this.driver.destroyGraph(graph);
		}
		assertThatExceptionOfType(CudaException.class).isThrownBy(() -> this.driver.endCapture(stream))
			.withMessage("cuStreamEndCapture failed with CUDA_ERROR_INVALID_VALUE (1)");
	}

	@Test
	void timesWithEvents() {
		this.driver.init();
		long start = this.driver.createEvent();
		long end = this.driver.createEvent();
		this.driver.record(start, 0);
		this.driver.record(end, 0);
		assertThat(this.driver.elapsedMillis(start, end)).isEqualTo(1.5f);
		this.driver.destroyEvent(start);
		this.driver.destroyEvent(end);
	}

}
