package dev.springcohere.engine.cuda;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fake driver of {@code src/test/c/fake_cuda.c}, compiled once per test run with the
 * machine's C compiler into a temporary {@code libcuda.so.1}, and its test hooks.
 */
final class FakeDriverLibrary {

	private static Path library;

	private static SymbolLookup hooks;

	private FakeDriverLibrary() {
	}

	/**
	 * The compiled library (tests are skipped, saying why, where no C compiler is found).
	 * @return its path
	 */
	static synchronized Path path() {
		if (library == null) {
			library = compile();
			hooks = SymbolLookup.libraryLookup(library, Arena.global());
		}
		return library;
	}

	private static Path compile() {
		Path source = Path.of("src/test/c/fake_cuda.c").toAbsolutePath();
		try {
			Path dir = Files.createTempDirectory("fake-cuda");
			Path out = dir.resolve(CudaLibraries.DRIVER);
			List<String> command = new ArrayList<>(
					List.of("cc", "-shared", "-fPIC", "-O1", "-o", out.toString(), source.toString()));
			Process process;
			try {
				process = new ProcessBuilder(command).redirectErrorStream(true).start();
			}
			catch (IOException ex) {
				assumeTrue(false, "No C compiler (cc) on the PATH to build the fake CUDA driver: " + ex.getMessage());
				throw ex;
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
				throw new IllegalStateException("Compiling the fake CUDA driver failed:\n" + output);
			}
			return out;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static MethodHandle hook(String name, FunctionDescriptor descriptor) {
		path();
		return Linker.nativeLinker().downcallHandle(hooks.find(name).orElseThrow(), descriptor);
	}

	/** Sets the devices the fake reports and resets its initialization. */
	static void configure(int devices, int major, int minor, long memory) {
		try {
			hook("fake_configure", FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
					ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG))
				.invokeExact(devices, major, minor, memory);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	static int launches() {
		return intHook("fake_launches");
	}

	static int graphLaunches() {
		return intHook("fake_graph_launches");
	}

	static int liveAllocations() {
		return intHook("fake_live_allocations");
	}

	private static int intHook(String name) {
		try {
			return (int) hook(name, FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The last launch the fake recorded. */
	static Launch lastLaunch() {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment name = arena.allocate(64);
			MemorySegment dims = arena.allocate(ValueLayout.JAVA_INT, 7);
			MemorySegment params = arena.allocate(ValueLayout.JAVA_LONG, 16);
			int count = (int) hook("fake_last_launch", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
					ValueLayout.ADDRESS, ValueLayout.ADDRESS))
				.invokeExact(name, dims, params);
			return new Launch(name.getString(0), dims.toArray(ValueLayout.JAVA_INT),
					params.asSlice(0, 8L * count).toArray(ValueLayout.JAVA_LONG));
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A recorded launch.
	 *
	 * @param kernel the kernel's name
	 * @param dims grid x, y, z, block x, y, z, shared bytes
	 * @param params each parameter's 8-byte slot
	 */
	record Launch(String kernel, int[] dims, long[] params) {

		int intParam(int index) {
			return (int) this.params[index];
		}

		float floatParam(int index) {
			return Float.intBitsToFloat((int) this.params[index]);
		}

	}

}
