package dev.springcohere.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.Generator;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.QuantizationPlan;
import dev.springcohere.engine.model.WeightQuantizer;
import dev.springcohere.engine.tokenizer.ChatTemplateRequest;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import dev.springcohere.engine.tokenizer.StreamingDecoder;
import dev.springcohere.engine.tokenizer.TokenizerConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code generate}: continues a prompt (token ids, or text optionally through the chat
 * template), streaming the text as it is produced; the last line of standard output holds
 * the new token ids.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = EngineVersion.class, sortOptions = false,
		description = { "Generates a continuation of a prompt.",
				"Prints the generated text (with --prompt) and, on the last line, the new token ids, comma-separated." },
		footer = { "", EngineCli.MODEL_HELP })
final class GenerateCommand implements Callable<Integer> {

	private final CliContext context;

	@Option(names = "--model", required = true, paramLabel = "DIR|FILE.gguf|ORG/NAME[@REVISION][:FILE.gguf]",
			description = "The chat model: a checkpoint directory, a GGUF file or a Hugging Face model id.")
	@Nullable String model;

	@Option(names = "--prompt-ids", paramLabel = "5,17,42", description = "The prompt as comma-separated token ids.")
	@Nullable String promptIds;

	@Option(names = "--prompt", paramLabel = "TEXT",
			description = "The prompt as text (needs the tokenizer files beside the weights).")
	@Nullable String prompt;

	@Option(names = "--chat", description = "Apply the chat template to the text --prompt (as one user turn).")
	boolean chat;

	@Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "32",
			description = "The most tokens generated (default: ${DEFAULT-VALUE}).")
	int maxNewTokens = 32;

	@Option(names = "--max-context", paramLabel = "C",
			description = "The context limit, prompt plus new tokens (default: the model's max_position_embeddings).")
	@Nullable Integer maxContext;

	@Mixin
	SamplingOptions sampling = new SamplingOptions();

	@Mixin
	RuntimeOptions runtime = new RuntimeOptions();

	GenerateCommand(CliContext context) {
		this.context = context;
	}

	@Override
	public Integer call() {
		this.runtime.device();
		QuantizationPlan quantization = this.runtime.quantization();
		this.runtime.kvCacheType();
		boolean text = this.prompt != null;
		if (text == (this.promptIds != null)) {
			throw new CliException("generate needs exactly one of --prompt \"text\" or --prompt-ids 5,17,42"
					+ (text ? " (they are mutually exclusive)" : ""));
		}
		if (this.chat && !text) {
			throw new CliException(
					"--chat applies the chat template to a text --prompt; it cannot be used with --prompt-ids");
		}
		if (this.maxNewTokens < 0) {
			throw new CliException("--max-new-tokens must be >= 0");
		}
		SamplingParams params = this.sampling.sampling(this.context.err());
		Path dir = this.context.modelDirectory(EngineCli.required(this.model, "--model"));
		if (text && !ModelWeights.isGguf(dir) && !Files.isRegularFile(dir.resolve(HfTokenizer.FILE_NAME))) {
			throw new CliException("--prompt needs the tokenizer files (" + HfTokenizer.FILE_NAME + ", and "
					+ TokenizerConfig.FILE_NAME + " with its chat template for --chat) beside the weights, but "
					+ dir.resolve(HfTokenizer.FILE_NAME)
					+ " is missing; copy them from the checkpoint or pass token ids with --prompt-ids");
		}
		try (ModelWeights weights = WeightQuantizer.quantize(ModelWeights.open(dir), quantization); @Nullable
		HfTokenizer tokenizer = text ? HfTokenizer.load(dir) : null;
				VectorKernels kernels = new VectorKernels(this.runtime.threads())) {
			CohereModel decoder = new CohereModel(weights, kernels, this.runtime.kvCacheType());
			int limit = (this.maxContext != null) ? this.maxContext : decoder.maxContext();
			if (limit < 1 || limit > decoder.maxContext()) {
				throw new CliException("--max-context must be between 1 and the model's max_position_embeddings ("
						+ decoder.maxContext() + ") but was " + limit);
			}
			Set<Integer> stops = new HashSet<>(weights.stopTokenIds());
			int[] ids;
			@Nullable StreamingDecoder streaming = null;
			if (tokenizer != null) {
				tokenizer.specialTokens().eos().ifPresent(stops::add);
				tokenizer.specialTokens().endOfTurn().ifPresent(stops::add);
				String promptText = EngineCli.required(this.prompt, "--prompt");
				ids = this.chat ? tokenizer
					.encodeChat(ChatTemplateRequest.builder(List.of(Map.of("role", "user", "content", promptText)))
						.addGenerationPrompt(true)
						.build()) : tokenizer.encode(promptText, true);
				streaming = tokenizer.newStreamingDecoder(true);
			}
			else {
				ids = parseIds(EngineCli.required(this.promptIds, "--prompt-ids"));
			}
			@Nullable StreamingDecoder stream = streaming;
			List<Integer> generated = new Generator(decoder).generate(ids, this.maxNewTokens, params, stops, limit,
					id -> {
						if (stream != null) {
							this.context.out().print(stream.next(id));
							this.context.out().flush();
						}
					});
			if (stream != null) {
				this.context.out().println(stream.flush());
			}
			this.context.out().println(generated.stream().map(String::valueOf).collect(Collectors.joining(",")));
		}
		return 0;
	}

	private static int[] parseIds(String text) {
		try {
			int[] ids = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
			if (ids.length == 0) {
				throw new CliException("--prompt-ids is empty");
			}
			return ids;
		}
		catch (NumberFormatException ex) {
			throw new CliException("--prompt-ids must be comma-separated integers but was '" + text + "'");
		}
	}

}
