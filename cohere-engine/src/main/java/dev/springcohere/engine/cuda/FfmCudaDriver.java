package dev.springcohere.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CudaDriver} over a driver library ({@code libcuda.so.1}) through the FFM API.
 * Pointer-sized handles travel as {@code long}s, which the C calling convention passes
 * like pointers. Where the driver keeps an older entry point for compatibility
 * ({@code cuMemAlloc} beside {@code cuMemAlloc_v2}), the {@code _v2} symbol that
 * {@code cuda.h} maps the name to is bound.
 */
public final class FfmCudaDriver implements CudaDriver {

	private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

	private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;

	private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

	private static final int STREAM_NON_BLOCKING = 1;

	private static final int CAPTURE_MODE_THREAD_LOCAL = 1;

	private final Path library;

	private final SymbolLookup symbols;

	private final MethodHandle cuInit;

	private final MethodHandle cuDriverGetVersion;

	private final MethodHandle cuDeviceGetCount;

	private final MethodHandle cuDeviceGet;

	private final MethodHandle cuDeviceGetName;

	private final MethodHandle cuDeviceTotalMem;

	private final MethodHandle cuDeviceGetAttribute;

	private final MethodHandle cuDevicePrimaryCtxRetain;

	private final MethodHandle cuDevicePrimaryCtxRelease;

	private final MethodHandle cuCtxSetCurrent;

	private final MethodHandle cuMemAlloc;

	private final MethodHandle cuMemFree;

	private final MethodHandle cuMemcpyHtoD;

	private final MethodHandle cuMemcpyDtoH;

	private final MethodHandle cuModuleLoadData;

	private final MethodHandle cuModuleGetFunction;

	private final MethodHandle cuModuleUnload;

	private final MethodHandle cuLaunchKernel;

	private final MethodHandle cuStreamCreate;

	private final MethodHandle cuStreamSynchronize;

	private final MethodHandle cuStreamDestroy;

	private final MethodHandle cuEventCreate;

	private final MethodHandle cuEventRecord;

	private final MethodHandle cuEventSynchronize;

	private final MethodHandle cuEventElapsedTime;

	private final MethodHandle cuEventDestroy;

	private final MethodHandle cuStreamBeginCapture;

	private final MethodHandle cuStreamEndCapture;

	private final MethodHandle cuGraphInstantiate;

	private final MethodHandle cuGraphDestroy;

	private final MethodHandle cuGraphLaunch;

	private final MethodHandle cuGraphExecDestroy;

	private final MethodHandle cuGetErrorName;

	private FfmCudaDriver(Path library, SymbolLookup symbols) {
		this.library = library;
		this.symbols = symbols;
		this.cuInit = bind("cuInit", INT);
		this.cuDriverGetVersion = bind("cuDriverGetVersion", ADDRESS);
		this.cuDeviceGetCount = bind("cuDeviceGetCount", ADDRESS);
		this.cuDeviceGet = bind("cuDeviceGet", ADDRESS, INT);
		this.cuDeviceGetName = bind("cuDeviceGetName", ADDRESS, INT, INT);
		this.cuDeviceTotalMem = bind("cuDeviceTotalMem_v2", ADDRESS, INT);
		this.cuDeviceGetAttribute = bind("cuDeviceGetAttribute", ADDRESS, INT, INT);
		this.cuDevicePrimaryCtxRetain = bind("cuDevicePrimaryCtxRetain", ADDRESS, INT);
		this.cuDevicePrimaryCtxRelease = bind("cuDevicePrimaryCtxRelease_v2", INT);
		this.cuCtxSetCurrent = bind("cuCtxSetCurrent", LONG);
		this.cuMemAlloc = bind("cuMemAlloc_v2", ADDRESS, LONG);
		this.cuMemFree = bind("cuMemFree_v2", LONG);
		this.cuMemcpyHtoD = bind("cuMemcpyHtoD_v2", LONG, ADDRESS, LONG);
		this.cuMemcpyDtoH = bind("cuMemcpyDtoH_v2", ADDRESS, LONG, LONG);
		this.cuModuleLoadData = bind("cuModuleLoadData", ADDRESS, ADDRESS);
		this.cuModuleGetFunction = bind("cuModuleGetFunction", ADDRESS, LONG, ADDRESS);
		this.cuModuleUnload = bind("cuModuleUnload", LONG);
		this.cuLaunchKernel = bind("cuLaunchKernel", LONG, INT, INT, INT, INT, INT, INT, INT, LONG, ADDRESS, ADDRESS);
		this.cuStreamCreate = bind("cuStreamCreate", ADDRESS, INT);
		this.cuStreamSynchronize = bind("cuStreamSynchronize", LONG);
		this.cuStreamDestroy = bind("cuStreamDestroy_v2", LONG);
		this.cuEventCreate = bind("cuEventCreate", ADDRESS, INT);
		this.cuEventRecord = bind("cuEventRecord", LONG, LONG);
		this.cuEventSynchronize = bind("cuEventSynchronize", LONG);
		this.cuEventElapsedTime = bindFirst(new String[] { "cuEventElapsedTime_v2", "cuEventElapsedTime" }, ADDRESS,
				LONG, LONG);
		this.cuEventDestroy = bind("cuEventDestroy_v2", LONG);
		this.cuStreamBeginCapture = bind("cuStreamBeginCapture_v2", LONG, INT);
		this.cuStreamEndCapture = bind("cuStreamEndCapture", LONG, ADDRESS);
		this.cuGraphInstantiate = bind("cuGraphInstantiateWithFlags", ADDRESS, LONG, LONG);
		this.cuGraphDestroy = bind("cuGraphDestroy", LONG);
		this.cuGraphLaunch = bind("cuGraphLaunch", LONG, LONG);
		this.cuGraphExecDestroy = bind("cuGraphExecDestroy", LONG);
		this.cuGetErrorName = bind("cuGetErrorName", INT, ADDRESS);
	}

	/**
	 * Loads a driver library and binds every entry point the engine uses.
	 * @param library the path of {@code libcuda.so.1}
	 * @return the driver (not yet initialized: call {@link #init()})
	 * @throws CudaException if the library cannot be loaded or lacks an entry point
	 */
	public static FfmCudaDriver load(Path library) {
		Objects.requireNonNull(library, "'library' must not be null");
		SymbolLookup symbols;
		try {
			symbols = SymbolLookup.libraryLookup(library, Arena.global());
		}
		catch (IllegalArgumentException ex) {
			throw new CudaException("Could not load the CUDA driver library " + library + ": " + ex.getMessage());
		}
		return new FfmCudaDriver(library, symbols);
	}

	private MethodHandle bind(String name, MemoryLayout... arguments) {
		return bindFirst(new String[] { name }, arguments);
	}

	private MethodHandle bindFirst(String[] names, MemoryLayout... arguments) {
		for (String name : names) {
			Optional<MemorySegment> symbol = this.symbols.find(name);
			if (symbol.isPresent()) {
				return Linker.nativeLinker().downcallHandle(symbol.get(), FunctionDescriptor.of(INT, arguments));
			}
		}
		throw new CudaException("The CUDA driver library " + this.library + " has no entry point " + names[0]
				+ "; the engine needs a driver of CUDA 12.0 or later (update the NVIDIA driver)");
	}

	private static int invoke(MethodHandle handle, Object... arguments) {
		try {
			return (int) handle.invokeWithArguments(arguments);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void call(String name, MethodHandle handle, Object... arguments) {
		int result = invoke(handle, arguments);
		if (result != 0) {
			throw new CudaException(name, result, errorName(result));
		}
	}

	private String errorName(int result) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment name = arena.allocate(ADDRESS);
			if (invoke(this.cuGetErrorName, result, name) != 0) {
				return "an unknown CUDA error";
			}
			return name.get(ValueLayout.ADDRESS, 0).reinterpret(256).getString(0);
		}
	}

	private int intOut(String name, MethodHandle handle, Object... arguments) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment out = arena.allocate(INT);
			call(name, handle, prepend(out, arguments));
			return out.get(INT, 0);
		}
	}

	private long longOut(String name, MethodHandle handle, Object... arguments) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment out = arena.allocate(LONG);
			call(name, handle, prepend(out, arguments));
			return out.get(LONG, 0);
		}
	}

	private static Object[] prepend(Object first, Object[] rest) {
		Object[] all = new Object[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	@Override
	public void init() {
		call("cuInit", this.cuInit, 0);
	}

	@Override
	public int driverVersion() {
		return intOut("cuDriverGetVersion", this.cuDriverGetVersion);
	}

	@Override
	public int deviceCount() {
		return intOut("cuDeviceGetCount", this.cuDeviceGetCount);
	}

	@Override
	public int device(int ordinal) {
		return intOut("cuDeviceGet", this.cuDeviceGet, ordinal);
	}

	@Override
	public String deviceName(int device) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment name = arena.allocate(256);
			call("cuDeviceGetName", this.cuDeviceGetName, name, 256, device);
			return name.getString(0);
		}
	}

	@Override
	public long totalMemory(int device) {
		return longOut("cuDeviceTotalMem", this.cuDeviceTotalMem, device);
	}

	@Override
	public int attribute(int device, int attribute) {
		return intOut("cuDeviceGetAttribute", this.cuDeviceGetAttribute, attribute, device);
	}

	@Override
	public long retainPrimaryContext(int device) {
		long context = longOut("cuDevicePrimaryCtxRetain", this.cuDevicePrimaryCtxRetain, device);
		makeCurrent(context);
		return context;
	}

	@Override
	public void makeCurrent(long context) {
		call("cuCtxSetCurrent", this.cuCtxSetCurrent, context);
	}

	@Override
	public void releasePrimaryContext(int device) {
		call("cuDevicePrimaryCtxRelease", this.cuDevicePrimaryCtxRelease, device);
	}

	@Override
	public long allocate(long bytes) {
		return longOut("cuMemAlloc", this.cuMemAlloc, bytes);
	}

	@Override
	public void free(long devicePointer) {
		call("cuMemFree", this.cuMemFree, devicePointer);
	}

	@Override
	public void copyToDevice(long devicePointer, MemorySegment source) {
		call("cuMemcpyHtoD", this.cuMemcpyHtoD, devicePointer, source, source.byteSize());
	}

	@Override
	public void copyToHost(MemorySegment destination, long devicePointer) {
		call("cuMemcpyDtoH", this.cuMemcpyDtoH, destination, devicePointer, destination.byteSize());
	}

	@Override
	public long loadModule(String ptx) {
		try (Arena arena = Arena.ofConfined()) {
			return longOut("cuModuleLoadData", this.cuModuleLoadData, arena.allocateFrom(ptx));
		}
	}

	@Override
	public long function(long module, String name) {
		try (Arena arena = Arena.ofConfined()) {
			return longOut("cuModuleGetFunction(" + name + ")", this.cuModuleGetFunction, module,
					arena.allocateFrom(name));
		}
	}

	@Override
	public void unloadModule(long module) {
		call("cuModuleUnload", this.cuModuleUnload, module);
	}

	@Override
	public void launch(long function, Dim3 grid, Dim3 block, int sharedBytes, long stream, KernelArgs args) {
		try (Arena arena = Arena.ofConfined()) {
			call("cuLaunchKernel", this.cuLaunchKernel, function, grid.x(), grid.y(), grid.z(), block.x(), block.y(),
					block.z(), sharedBytes, stream, args.pack(arena), MemorySegment.NULL);
		}
	}

	@Override
	public long createStream() {
		return longOut("cuStreamCreate", this.cuStreamCreate, STREAM_NON_BLOCKING);
	}

	@Override
	public void synchronize(long stream) {
		call("cuStreamSynchronize", this.cuStreamSynchronize, stream);
	}

	@Override
	public void destroyStream(long stream) {
		call("cuStreamDestroy", this.cuStreamDestroy, stream);
	}

	@Override
	public long createEvent() {
		return longOut("cuEventCreate", this.cuEventCreate, 0);
	}

	@Override
	public void record(long event, long stream) {
		call("cuEventRecord", this.cuEventRecord, event, stream);
	}

	@Override
	public float elapsedMillis(long start, long end) {
		call("cuEventSynchronize", this.cuEventSynchronize, end);
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment out = arena.allocate(ValueLayout.JAVA_FLOAT);
			call("cuEventElapsedTime", this.cuEventElapsedTime, out, start, end);
			return out.get(ValueLayout.JAVA_FLOAT, 0);
		}
	}

	@Override
	public void destroyEvent(long event) {
		call("cuEventDestroy", this.cuEventDestroy, event);
	}

	@Override
	public void beginCapture(long stream) {
		call("cuStreamBeginCapture", this.cuStreamBeginCapture, stream, CAPTURE_MODE_THREAD_LOCAL);
	}

	@Override
	public long endCapture(long stream) {
		long graph;
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment out = arena.allocate(LONG);
			call("cuStreamEndCapture", this.cuStreamEndCapture, stream, out);
			graph = out.get(LONG, 0);
		}
		try {
			return longOut("cuGraphInstantiate", this.cuGraphInstantiate, graph, 0L);
		}
		finally {
			call("cuGraphDestroy", this.cuGraphDestroy, graph);
		}
	}

	@Override
	public void launchGraph(long graph, long stream) {
		call("cuGraphLaunch", this.cuGraphLaunch, graph, stream);
	}

	@Override
	public void destroyGraph(long graph) {
		call("cuGraphExecDestroy", this.cuGraphExecDestroy, graph);
	}

	@Override
	public String toString() {
		return "FfmCudaDriver[" + this.library + "]";
	}

}
