package dev.springcohere.engine.constrain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.Generator;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * What the sampled suites ({@link ConstrainedSamplingSuiteTests},
 * {@link BudgetSuiteTests}) share: the tiny gibberish model (which wanders in strings and
 * arrays) with its tokenizer and token trie, sampling at temperature 1 under a
 * whole-output JSON constraint, and a validator with format assertions on.
 */
final class SuiteModel implements AutoCloseable {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final VectorKernels kernels;

	private final ModelWeights weights;

	private final Generator generator;

	final HfTokenizer tokenizer;

	final TokenTrie trie;

	private SuiteModel(Path checkpoint) {
		this.kernels = new VectorKernels(1);
		this.weights = ModelWeights.open(checkpoint);
		this.generator = new Generator(new CohereModel(this.weights, this.kernels));
		this.tokenizer = HfTokenizer.load(checkpoint);
		this.trie = TokenTrie.of(this.tokenizer);
	}

	/**
	 * Loads the model from the {@code tiny-cohere} fixture, copied with its tokenizer.
	 * @param dir a scratch folder
	 * @return the model
	 */
	static SuiteModel load(Path dir) {
		return new SuiteModel(Fixtures.checkpointWithTokenizer("tiny-cohere", dir.resolve("model"), 4096));
	}

	/** The suite's schemas as {@code (name, schema)} arguments. */
	static Stream<Arguments> schemas() {
		return SuiteSchemas.all().stream().map((x) -> Arguments.of(x[0], x[1]));
	}

	/** A draft 2020-12 validator of the schema, with format assertions on. */
	static Schema validator(JsonNode schema) {
		return SchemaRegistry
			.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					(b) -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
			.getSchema(schema);
	}

	int eos() {
		return this.tokenizer.specialTokens().eos().getAsInt();
	}

	/** A fresh constraint that the whole output is a document of the masker's grammar. */
	JsonConstraint constraint(GrammarMasker masker) {
		return JsonConstraint.wholeOutput(masker, new int[0], new int[0], Set.of(eos()));
	}

	/**
	 * Samples at temperature 1 from the start of a sequence under the constraint.
	 * @param constraint the constraint (advanced as tokens are sampled)
	 * @param maxTokens the most tokens to sample
	 * @param seed the sampler's seed
	 * @return the sampled ids, end-of-sequence included when it was sampled
	 */
	List<Integer> sample(JsonConstraint constraint, int maxTokens, long seed) {
		int bos = this.tokenizer.specialTokens().bos().getAsInt();
		return this.generator.generate(new int[] { bos }, maxTokens, new SamplingParams(1.0, 0, 1.0, seed),
				Set.of(eos()), 4096, (id) -> {
				}, constraint);
	}

	byte[] bytes(List<Integer> ids) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int id : ids) {
			out.writeBytes(this.tokenizer.tokenBytes(id));
		}
		return out.toByteArray();
	}

	String text(int[] ids) {
		return new String(bytes(Arrays.stream(ids).boxed().toList()), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.tokenizer.close();
		this.weights.close();
		this.kernels.close();
	}

}
