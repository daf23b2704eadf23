package dev.springcohere.engine.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.engine.hub.HubException;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.tokenizer.ChatTemplateException;
import dev.springcohere.engine.tokenizer.TokenizerException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The engine's command line (picocli): {@code generate} (token ids or text, optionally
 * through the chat template, streamed as it is produced), {@code bench} and
 * {@code serve}, each with {@code --help} and {@code --version}. Exit codes: 0 success, 1
 * failure (a model that cannot be read, a download that fails), 2 usage error (an unknown
 * option or command, a bad or missing value). When started without the
 * {@code jdk.incubator.vector} module (as {@code java -jar} does), it re-launches the
 * same Java binary with the needed options.
 */
public final class EngineCli {

	static final String RELAUNCHED = "springcohere.engine.relaunched";

	/** The exit code of a failed command. */
	static final int EXIT_FAILURE = 1;

	/** The exit code of a usage error (an unknown option, a bad or missing value). */
	static final int EXIT_USAGE = 2;

	/** The help text on the model option that every command shows. */
	static final String MODEL_HELP = "A Hugging Face model id is downloaded into the HF cache (HF_HOME, HF_ENDPOINT, "
			+ "HF_TOKEN and HF_HUB_OFFLINE are honoured); ORG/NAME:FILE.gguf downloads one GGUF file of the "
			+ "repository; a GGUF file is a complete model (weights, tokenizer, chat template).";

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	/**
	 * Creates a CLI writing to the given streams and reading the process environment (for
	 * the Hugging Face variables {@code HF_ENDPOINT}, {@code HF_HOME}, {@code HF_TOKEN},
	 * {@code HF_HUB_OFFLINE}, …).
	 * @param out standard output
	 * @param err standard error
	 */
	public EngineCli(PrintStream out, PrintStream err) {
		this(out, err, System.getenv());
	}

	/**
	 * Creates a CLI writing to the given streams with the given environment variables.
	 * @param out standard output
	 * @param err standard error
	 * @param environment the environment variables to read the Hugging Face settings from
	 */
	public EngineCli(PrintStream out, PrintStream err, Map<String, String> environment) {
		this.out = out;
		this.err = err;
		this.environment = Map.copyOf(environment);
	}

	/**
	 * Entry point.
	 * @param args the command line
	 * @throws Exception if the child JVM cannot be started
	 */
	public static void main(String[] args) throws Exception {
		if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
			if (Boolean.getBoolean(RELAUNCHED)) {
				System.err.println("The jdk.incubator.vector module is missing even after re-launch; start with "
						+ "--add-modules jdk.incubator.vector");
				System.exit(1);
			}
			System.exit(relaunch(args));
		}
		quietCudaProbe();
		System.exit(new EngineCli(System.out, System.err).run(args));
	}

	/**
	 * DJL's tokenizer library probes for CUDA when it loads and logs a warning where CUDA
	 * libraries exist without a usable driver; the engine never uses DJL's CUDA, so that
	 * warning is noise in a correct setup (an explicit level still wins).
	 */
	private static void quietCudaProbe() {
		String key = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";
		if (System.getProperty(key) == null) {
			System.setProperty(key, "error");
		}
	}

	private static int relaunch(String[] args) throws IOException, InterruptedException {
		String javaBinary = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		List<String> command = new ArrayList<>();
		command.add(javaBinary);
		command.add("--add-modules");
		command.add("jdk.incubator.vector");
		command.add("--enable-native-access=ALL-UNNAMED");
		for (String jvmArg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			if (jvmArg.startsWith("-X") || jvmArg.startsWith("-D")) {
				command.add(jvmArg);
			}
		}
		command.add("-D" + RELAUNCHED + "=true");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(EngineCli.class.getName());
		command.addAll(Arrays.asList(args));
		Process process = new ProcessBuilder(command).inheritIO().start();
		// stopping this launcher (Ctrl-C, SIGTERM) must stop the re-launched JVM too,
		// e.g. a running 'serve'
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "cohere-engine-relaunch-stop"));
		return process.waitFor();
	}

	/**
	 * Runs one command.
	 * @param args the command line
	 * @return the exit code: 0 success, 1 failure, 2 usage error
	 */
	public int run(String[] args) {
		CliContext context = new CliContext(this.out, this.err, this.environment);
		CommandLine cli = commandLine(context);
		return cli.execute(args);
	}

	private static CommandLine commandLine(CliContext context) {
		CommandLine cli = new CommandLine(new EngineCommand(context));
		cli.addSubcommand(new GenerateCommand(context));
		cli.addSubcommand(new BenchCommand(context));
		cli.addSubcommand(new ServeCommand(context));
		cli.addSubcommand(new CommandLine.HelpCommand());
		cli.setOut(new PrintWriter(new OutputStreamWriter(context.out(), charset(context.out())), true));
		cli.setErr(new PrintWriter(new OutputStreamWriter(context.err(), charset(context.err())), true));
		cli.setParameterExceptionHandler(EngineCli::usageError);
		cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, commandLine, context));
		return cli;
	}

	private static Charset charset(PrintStream stream) {
		return stream.charset();
	}

	private static int usageError(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		if (ex instanceof UnmatchedArgumentException unmatched && command.getParent() == null
				&& !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
			err.println("error: Unknown command '" + unmatched.getUnmatched().get(0) + "'; use one of "
					+ String.join(", ", command.getSubcommands().keySet()));
		}
		else if (!(ex instanceof UnmatchedArgumentException) && !command.getUnmatchedArguments().isEmpty()) {
			// an unknown option explains a missing one better (a misspelt --model)
			err.println("error: Unknown option: '" + command.getUnmatchedArguments().get(0) + "'; " + ex.getMessage());
		}
		else {
			err.println("error: " + ex.getMessage());
			UnmatchedArgumentException.printSuggestions(ex, err);
		}
		err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
		err.flush();
		return EXIT_USAGE;
	}

	private static int failure(Exception ex, CommandLine command, CliContext context) throws Exception {
		if (ex instanceof CliException) {
			context.err().println("error: " + ex.getMessage());
			context.err().println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
			return EXIT_USAGE;
		}
		if (ex instanceof ModelFormatException || ex instanceof TokenizerException
				|| ex instanceof ChatTemplateException || ex instanceof HubException || ex instanceof CohereException
				|| ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException
				|| ex instanceof IllegalStateException) {
			context.err().println("error: " + ex.getMessage());
			return EXIT_FAILURE;
		}
		throw ex;
	}

	/**
	 * The value of a required option (picocli enforces it; this satisfies the nullness of
	 * the field).
	 * @param value the option's value
	 * @param option the option's name
	 * @return the value
	 */
	static String required(@Nullable String value, String option) {
		if (value == null) {
			throw new CliException("Missing required option " + option);
		}
		return value;
	}

	/**
	 * The command without a subcommand: prints the usage to standard error (exit 2).
	 */
	@Command(name = "cohere-engine", mixinStandardHelpOptions = true, versionProvider = EngineVersion.class,
			description = "Runs Cohere's open-weight models (Command R7B, Command R/R+, Command A and other "
					+ "cohere/cohere2 checkpoints) in the JVM.",
			footer = { "", "Run 'cohere-engine COMMAND --help' for a command's options." })
	static final class EngineCommand implements Callable<Integer> {

		private final CliContext context;

		@Spec
		@Nullable CommandSpec spec;

		EngineCommand(CliContext context) {
			this.context = context;
		}

		@Override
		public Integer call() {
			CommandSpec commandSpec = Objects.requireNonNull(this.spec, "'spec' must not be null");
			commandSpec.commandLine().usage(this.context.err());
			return EXIT_USAGE;
		}

	}

}
