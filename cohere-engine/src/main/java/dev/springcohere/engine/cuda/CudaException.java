package dev.springcohere.engine.cuda;

/**
 * A CUDA driver call failed, or the driver could not be bound: says which call and the
 * driver's name for the error ({@code CUDA_ERROR_OUT_OF_MEMORY} and so on).
 */
public final class CudaException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int code;

	/**
	 * A failed driver call.
	 * @param call the driver function, e.g. {@code cuMemAlloc}
	 * @param code the {@code CUresult}
	 * @param name the driver's name of the result
	 */
	public CudaException(String call, int code, String name) {
		super(call + " failed with " + name + " (" + code + ")");
		this.code = code;
	}

	/**
	 * A failure that is not a driver result (a library or symbol not found).
	 * @param message the explanation
	 */
	public CudaException(String message) {
		super(message);
		this.code = -1;
	}

	/**
	 * The driver's {@code CUresult}.
	 * @return the code, or -1 when the failure was not a driver call's
	 */
	public int code() {
		return this.code;
	}

}
