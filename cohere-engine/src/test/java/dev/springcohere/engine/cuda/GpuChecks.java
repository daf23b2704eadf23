package dev.springcohere.engine.cuda;

import java.io.PrintWriter;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs the GPU tests without Maven, on a GPU machine that has only the files
 * {@code src/test/gpu/prepare-gpu-run.sh} gathers: prints JUnit's summary and exits 0
 * when every test passed, 1 when one failed, 2 when none ran (no usable GPU).
 */
public final class GpuChecks {

	private GpuChecks() {
	}

	/**
	 * Runs {@link DecoderKernelsGpuTests}.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(DecoderKernelsGpuTests.class))
			.build();
		Launcher launcher = LauncherFactory.create();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		TestExecutionListener aborted = new TestExecutionListener() {
			@Override
			public void executionFinished(TestIdentifier test, TestExecutionResult result) {
				if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
					System.out.println(test.getDisplayName() + " did not run: "
							+ result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
				}
			}
		};
		launcher.execute(request, listener, aborted);
		TestExecutionSummary summary = listener.getSummary();
		PrintWriter out = new PrintWriter(System.out, true);
		summary.printTo(out);
		summary.printFailuresTo(out, 30);
		if (summary.getTotalFailureCount() > 0) {
			System.exit(1);
		}
		System.exit(summary.getTestsSucceededCount() > 0 ? 0 : 2);
	}

}
