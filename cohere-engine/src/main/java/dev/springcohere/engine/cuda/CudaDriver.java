package dev.springcohere.engine.cuda;

import java.lang.foreign.MemorySegment;

/**
 * The part of the CUDA driver API the engine uses, with handles as {@code long}s (device
 * pointers, contexts, modules, functions, streams, events, graphs). {@link FfmCudaDriver}
 * binds it to {@code libcuda.so.1}; tests bind it to a fake driver library. Every method
 * throws {@link CudaException} when the driver returns an error.
 */
public interface CudaDriver {

	/** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR}. */
	int COMPUTE_CAPABILITY_MAJOR = 75;

	/** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR}. */
	int COMPUTE_CAPABILITY_MINOR = 76;

	/** {@code CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT}. */
	int MULTIPROCESSOR_COUNT = 16;

	/** {@code cuInit(0)}. */
	void init();

	/**
	 * {@code cuDriverGetVersion}.
	 * @return the version as 1000 * major + 10 * minor
	 */
	int driverVersion();

	/**
	 * {@code cuDeviceGetCount}.
	 * @return the number of devices
	 */
	int deviceCount();

	/**
	 * {@code cuDeviceGet}.
	 * @param ordinal 0 to {@link #deviceCount()} - 1
	 * @return the device handle
	 */
	int device(int ordinal);

	/**
	 * {@code cuDeviceGetName}.
	 * @param device the device
	 * @return its name
	 */
	String deviceName(int device);

	/**
	 * {@code cuDeviceTotalMem}.
	 * @param device the device
	 * @return its memory in bytes
	 */
	long totalMemory(int device);

	/**
	 * {@code cuDeviceGetAttribute}.
	 * @param device the device
	 * @param attribute the {@code CUdevice_attribute}
	 * @return its value
	 */
	int attribute(int device, int attribute);

	/**
	 * {@code cuDevicePrimaryCtxRetain} then {@code cuCtxSetCurrent} on the calling
	 * thread.
	 * @param device the device
	 * @return the primary context
	 */
	long retainPrimaryContext(int device);

	/**
	 * {@code cuCtxSetCurrent}: makes the context current on the calling thread.
	 * @param context the context
	 */
	void makeCurrent(long context);

	/**
	 * {@code cuDevicePrimaryCtxRelease}.
	 * @param device the device
	 */
	void releasePrimaryContext(int device);

	/**
	 * {@code cuMemAlloc}.
	 * @param bytes the size
	 * @return the device pointer
	 */
	long allocate(long bytes);

	/**
	 * {@code cuMemFree}.
	 * @param devicePointer a pointer from {@link #allocate}
	 */
	void free(long devicePointer);

	/**
	 * {@code cuMemcpyHtoD}.
	 * @param devicePointer the destination
	 * @param source the host bytes (all of them are copied)
	 */
	void copyToDevice(long devicePointer, MemorySegment source);

	/**
	 * {@code cuMemcpyDtoH}.
	 * @param destination the host memory (filled entirely)
	 * @param devicePointer the source
	 */
	void copyToHost(MemorySegment destination, long devicePointer);

	/**
	 * {@code cuModuleLoadData} of PTX text (the driver compiles it for the device).
	 * @param ptx the PTX
	 * @return the module
	 */
	long loadModule(String ptx);

	/**
	 * {@code cuModuleGetFunction}.
	 * @param module the module
	 * @param name the kernel's entry name
	 * @return the function
	 */
	long function(long module, String name);

	/**
	 * {@code cuModuleUnload}.
	 * @param module the module
	 */
	void unloadModule(long module);

	/**
	 * {@code cuLaunchKernel}.
	 * @param function the kernel
	 * @param grid the grid shape
	 * @param block the block shape
	 * @param sharedBytes dynamic shared memory per block
	 * @param stream the stream (0 for the default stream)
	 * @param args the kernel's arguments in order
	 */
	void launch(long function, Dim3 grid, Dim3 block, int sharedBytes, long stream, KernelArgs args);

	/**
	 * {@code cuStreamCreate} (non-blocking).
	 * @return the stream
	 */
	long createStream();

	/**
	 * {@code cuStreamSynchronize}.
	 * @param stream the stream
	 */
	void synchronize(long stream);

	/**
	 * {@code cuStreamDestroy}.
	 * @param stream the stream
	 */
	void destroyStream(long stream);

	/**
	 * {@code cuEventCreate}.
	 * @return the event
	 */
	long createEvent();

	/**
	 * {@code cuEventRecord}.
	 * @param event the event
	 * @param stream the stream
	 */
	void record(long event, long stream);

	/**
	 * {@code cuEventSynchronize} on the end event, then {@code cuEventElapsedTime}.
	 * @param start the earlier event
	 * @param end the later event
	 * @return milliseconds between them
	 */
	float elapsedMillis(long start, long end);

	/**
	 * {@code cuEventDestroy}.
	 * @param event the event
	 */
	void destroyEvent(long event);

	/**
	 * {@code cuStreamBeginCapture} in thread-local mode: launches on the stream are
	 * recorded into a graph instead of run.
	 * @param stream the stream
	 */
	void beginCapture(long stream);

	/**
	 * {@code cuStreamEndCapture} then {@code cuGraphInstantiate}; the captured graph is
	 * destroyed once instantiated.
	 * @param stream the capturing stream
	 * @return the executable graph
	 */
	long endCapture(long stream);

	/**
	 * {@code cuGraphLaunch}.
	 * @param graph an executable graph
	 * @param stream the stream
	 */
	void launchGraph(long graph, long stream);

	/**
	 * {@code cuGraphExecDestroy}.
	 * @param graph an executable graph
	 */
	void destroyGraph(long graph);

}
