package dev.springcohere.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.Thinking;
import dev.springcohere.api.ThinkingType;
import dev.springcohere.client.RequestDefaults;
import dev.springcohere.http.HttpTransportType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of springcohere, under {@code cohere.}. The names are public
 * API. {@link #toString()} never shows a secret.
 * <p>
 * One JavaBean with a nested group per concern, as Spring Boot's own properties classes
 * are: it is long because it is the single place every {@code cohere.*} property is
 * declared and described (the field Javadoc is the metadata description); the accessors
 * carry no Javadoc of their own. {@link #requestDefaults()} and {@link #backendValues()}
 * map the properties onto the client's types.
 * <p>
 * Its length is the property tree itself: every field is a documented {@code cohere.*}
 * property with its accessors, written out as Spring Boot's own properties classes are
 * (Boot's configuration processor reads the fields and their comments), and each
 * backend's settings are a nested class so that the classes mirror the property names.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("cohere")
public class CohereProperties {

	/**
	 * Cohere API key; when unset, the environment variables CO_API_KEY and then
	 * COHERE_API_KEY are read.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the Cohere API (platform, private and azure backends); when unset, the
	 * environment variable CO_API_URL, else https://api.cohere.com.
	 */
	private @Nullable String baseUrl;

	/**
	 * Name of the calling project, sent as the X-Client-Name header.
	 */
	private @Nullable String clientName;

	/**
	 * Id of the backend serving every capability unless overridden per capability.
	 */
	private String backend = "platform";

	private final Chat chat = new Chat();

	private final Embed embed = new Embed();

	private final Rerank rerank = new Rerank();

	private final Http http = new Http();

	private final Retry retry = new Retry();

	private final StructuredOutput structuredOutput = new StructuredOutput();

	private final Health health = new Health();

	private final Tokenize tokenize = new Tokenize();

	private final Local local = new Local();

	private final Bedrock bedrock = new Bedrock();

	private final Sagemaker sagemaker = new Sagemaker();

	private final Azure azure = new Azure();

	private final Oci oci = new Oci();

	private final OpenaiCompat openaiCompat = new OpenaiCompat();

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getClientName() {
		return this.clientName;
	}

	public void setClientName(@Nullable String clientName) {
		this.clientName = clientName;
	}

	public String getBackend() {
		return this.backend;
	}

	public void setBackend(String backend) {
		this.backend = backend;
	}

	public Chat getChat() {
		return this.chat;
	}

	public Embed getEmbed() {
		return this.embed;
	}

	public Rerank getRerank() {
		return this.rerank;
	}

	public Http getHttp() {
		return this.http;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public StructuredOutput getStructuredOutput() {
		return this.structuredOutput;
	}

	public Health getHealth() {
		return this.health;
	}

	public Tokenize getTokenize() {
		return this.tokenize;
	}

	public Local getLocal() {
		return this.local;
	}

	public Bedrock getBedrock() {
		return this.bedrock;
	}

	public Sagemaker getSagemaker() {
		return this.sagemaker;
	}

	public Azure getAzure() {
		return this.azure;
	}

	public Oci getOci() {
		return this.oci;
	}

	public OpenaiCompat getOpenaiCompat() {
		return this.openaiCompat;
	}

	/**
	 * Returns the backend id serving chat.
	 * @return {@code chat.backend} when set, else {@code backend}
	 */
	public String chatBackend() {
		return orDefault(this.chat.getBackend());
	}

	/**
	 * Returns the backend id serving embed.
	 * @return {@code embed.backend} when set, else {@code backend}
	 */
	public String embedBackend() {
		return orDefault(this.embed.getBackend());
	}

	/**
	 * Returns the backend id serving rerank.
	 * @return {@code rerank.backend} when set, else {@code backend}
	 */
	public String rerankBackend() {
		return orDefault(this.rerank.getBackend());
	}

	private String orDefault(@Nullable String id) {
		return (id == null || id.isBlank()) ? this.backend.strip() : id.strip();
	}

	/**
	 * Returns the backend-specific properties that are set, keyed without the
	 * {@code cohere.} prefix (such as {@code local.model} or {@code bedrock.region}), as
	 * handed to the backends.
	 * @return a new map of the properties set
	 */
	public Map<String, Object> backendValues() {
		Map<String, Object> map = new LinkedHashMap<>();
		put(map, "tokenize.offline", this.tokenize.getOffline());
		put(map, "tokenize.cache-dir", this.tokenize.getCacheDir());
		put(map, "local.model", this.local.getModel());
		put(map, "local.embed-model", this.local.getEmbedModel());
		put(map, "local.rerank-model", this.local.getRerankModel());
		put(map, "local.device", this.local.getDevice());
		put(map, "local.cache-dir", this.local.getCacheDir());
		put(map, "local.hub-url", this.local.getHubUrl());
		put(map, "local.max-context", this.local.getMaxContext());
		put(map, "local.pool-size", this.local.getPoolSize());
		put(map, "local.threads", this.local.getThreads());
		put(map, "local.quantize", this.local.getQuantize());
		put(map, "local.quantize-output", this.local.getQuantizeOutput());
		put(map, "local.max-queued", this.local.getMaxQueued());
		put(map, "local.max-wait", this.local.getMaxWait());
		put(map, "local.kv-cache-type", this.local.getKvCacheType());
		DataSize kvCacheMemory = this.local.getKvCacheMemory();
		put(map, "local.kv-cache-memory", (kvCacheMemory != null) ? kvCacheMemory.toBytes() : null);
		this.bedrock.putInto(map, "bedrock");
		put(map, "bedrock.api-key", this.bedrock.getApiKey());
		put(map, "bedrock.chat-format", this.bedrock.getChatFormat());
		put(map, "sagemaker.endpoint-name", this.sagemaker.getEndpointName());
		this.sagemaker.putInto(map, "sagemaker");
		put(map, "sagemaker.chat-endpoint-name", this.sagemaker.getChatEndpointName());
		put(map, "sagemaker.embed-endpoint-name", this.sagemaker.getEmbedEndpointName());
		put(map, "sagemaker.rerank-endpoint-name", this.sagemaker.getRerankEndpointName());
		put(map, "sagemaker.inference-component", this.sagemaker.getInferenceComponent());
		put(map, "sagemaker.chat-model", this.sagemaker.getChatModel());
		put(map, "azure.endpoint", this.azure.getEndpoint());
		put(map, "azure.api-key", this.azure.getApiKey());
		put(map, "azure.api", this.azure.getApi());
		put(map, "azure.api-version", this.azure.getApiVersion());
		put(map, "oci.region", this.oci.getRegion());
		put(map, "oci.compartment-id", this.oci.getCompartmentId());
		put(map, "oci.config-file", this.oci.getConfigFile());
		put(map, "oci.profile", this.oci.getProfile());
		put(map, "oci.endpoint", this.oci.getEndpoint());
		put(map, "oci.auth", this.oci.getAuth());
		put(map, "oci.api-format", this.oci.getApiFormat());
		put(map, "openai-compat.base-url", this.openaiCompat.getBaseUrl());
		put(map, "openai-compat.api-key", this.openaiCompat.getApiKey());
		put(map, "openai-compat.rerank-path", this.openaiCompat.getRerankPath());
		return map;
	}

	/**
	 * Maps the {@code cohere.chat|embed|rerank.*} request settings onto the client's
	 * request defaults.
	 * @return the request defaults
	 * @throws IllegalArgumentException for a blank model or a value below 1
	 */
	public RequestDefaults requestDefaults() {
		RequestDefaults.Builder defaults = RequestDefaults.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(this.chat::getModel).to(defaults::chatModel);
		map.from(this.chat::getTemperature).to(defaults::temperature);
		map.from(this.chat::getMaxTokens).to(defaults::maxTokens);
		map.from(this.chat::getSafetyMode).whenHasText().as(String::strip).as(SafetyMode::of).to(defaults::safetyMode);
		map.from(this.chat.getThinking()::toThinking).to(defaults::thinking);
		map.from(this.chat::getLogprobs).to(defaults::logprobs);
		map.from(this.chat::getPriority).to(defaults::priority);
		map.from(this.embed::getModel).to(defaults::embedModel);
		map.from(this.embed::getInputType)
			.whenHasText()
			.as(String::strip)
			.as(EmbedInputType::of)
			.to(defaults::embedInputType);
		map.from(this.embed::getEmbeddingTypes)
			.as((types) -> types.stream().map(String::strip).map(EmbeddingType::of).toList())
			.to(defaults::embeddingTypes);
		map.from(this.embed::getDimensions).to(defaults::embedDimensions);
		map.from(this.rerank::getModel).to(defaults::rerankModel);
		map.from(this.rerank::getTopN).to(defaults::rerankTopN);
		return defaults.build();
	}

	private static void put(Map<String, Object> map, String key, @Nullable Object value) {
		if (value != null && !value.toString().isBlank()) {
			map.put(key, (value instanceof String text) ? text.strip() : value);
		}
	}

	@Override
	public String toString() {
		return "CohereProperties[apiKey=" + mask(this.apiKey) + ", baseUrl=" + this.baseUrl + ", clientName="
				+ this.clientName + ", backend=" + this.backend + ", chat=" + this.chat + ", embed=" + this.embed
				+ ", rerank=" + this.rerank + ", http=" + this.http + ", retry=" + this.retry + ", backendValues="
				+ backendValues().keySet() + "]";
	}

	static String mask(@Nullable String secret) {
		return (secret == null || secret.isEmpty()) ? "none" : "******";
	}

	/**
	 * Chat settings.
	 */
	public static class Chat {

		/**
		 * Id of the backend serving chat; defaults to cohere.backend.
		 */
		private @Nullable String backend;

		/**
		 * Model used when a chat request names none.
		 */
		private String model = "command-a-03-2025";

		/**
		 * Sampling temperature for chat requests that set none.
		 */
		private @Nullable Double temperature;

		/**
		 * Most tokens generated per answer for chat requests that set none.
		 */
		private @Nullable Integer maxTokens;

		/**
		 * Safety mode for chat requests that set none: CONTEXTUAL, STRICT or OFF.
		 */
		private @Nullable String safetyMode;

		/**
		 * Whether @CohereTool schemas are checked at startup against the JSON-schema
		 * subset Cohere accepts with strict_tools, and strict_tools is set in the Spring
		 * AI ChatModel's default options.
		 */
		private boolean strictTools = true;

		/**
		 * Whether chat answers carry the log probabilities of their tokens, for chat
		 * requests that set none.
		 */
		private @Nullable Boolean logprobs;

		/**
		 * Priority of chat requests that set none, from 0 (highest) to 999 (lowest);
		 * lower-priority requests are dropped first under load.
		 */
		private @Nullable Integer priority;

		private final ChatThinking thinking = new ChatThinking();

		public @Nullable String getBackend() {
			return this.backend;
		}

		public void setBackend(@Nullable String backend) {
			this.backend = backend;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public @Nullable String getSafetyMode() {
			return this.safetyMode;
		}

		public void setSafetyMode(@Nullable String safetyMode) {
			this.safetyMode = safetyMode;
		}

		public boolean isStrictTools() {
			return this.strictTools;
		}

		public void setStrictTools(boolean strictTools) {
			this.strictTools = strictTools;
		}

		public @Nullable Boolean getLogprobs() {
			return this.logprobs;
		}

		public void setLogprobs(@Nullable Boolean logprobs) {
			this.logprobs = logprobs;
		}

		public @Nullable Integer getPriority() {
			return this.priority;
		}

		public void setPriority(@Nullable Integer priority) {
			this.priority = priority;
		}

		public ChatThinking getThinking() {
			return this.thinking;
		}

		@Override
		public String toString() {
			return "Chat[backend=" + this.backend + ", model=" + this.model + ", temperature=" + this.temperature
					+ ", maxTokens=" + this.maxTokens + ", safetyMode=" + this.safetyMode + ", strictTools="
					+ this.strictTools + ", thinking=" + this.thinking + ", logprobs=" + this.logprobs + ", priority="
					+ this.priority + "]";
		}

	}

	/**
	 * Extended thinking of chat requests that set none.
	 */
	public static class ChatThinking {

		/**
		 * Whether the model thinks before answering, for chat requests that set no
		 * thinking: enabled or disabled; unset, the model's default (a token budget alone
		 * means enabled).
		 */
		private @Nullable String type;

		/**
		 * Most tokens the model may spend thinking; only with thinking enabled.
		 */
		private @Nullable Integer tokenBudget;

		public @Nullable String getType() {
			return this.type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

		public @Nullable Integer getTokenBudget() {
			return this.tokenBudget;
		}

		public void setTokenBudget(@Nullable Integer tokenBudget) {
			this.tokenBudget = tokenBudget;
		}

		/**
		 * Returns the thinking these settings describe.
		 * @return the thinking, or {@code null} when neither the type nor the budget is
		 * set
		 * @throws IllegalArgumentException for a type other than enabled or disabled, or
		 * a budget with thinking disabled
		 */
		@Nullable Thinking toThinking() {
			String text = (this.type != null && !this.type.isBlank()) ? this.type.strip().toLowerCase(Locale.ROOT)
					: null;
			if (text == null) {
				return (this.tokenBudget != null) ? Thinking.enabled(this.tokenBudget) : null;
			}
			if (text.equals(ThinkingType.DISABLED.value())) {
				if (this.tokenBudget != null) {
					throw new IllegalArgumentException("cohere.chat.thinking.token-budget (" + this.tokenBudget
							+ ") is set but cohere.chat.thinking.type is 'disabled'; remove the budget or enable "
							+ "thinking");
				}
				return Thinking.disabled();
			}
			if (text.equals(ThinkingType.ENABLED.value())) {
				return Thinking.enabled(this.tokenBudget);
			}
			throw new IllegalArgumentException(
					"cohere.chat.thinking.type must be 'enabled' or 'disabled' but was '" + this.type + "'");
		}

		@Override
		public String toString() {
			return "ChatThinking[type=" + this.type + ", tokenBudget=" + this.tokenBudget + "]";
		}

	}

	/**
	 * Embed settings.
	 */
	public static class Embed {

		/**
		 * Id of the backend serving embed; defaults to cohere.backend.
		 */
		private @Nullable String backend;

		/**
		 * Model used when an embed request names none.
		 */
		private String model = "embed-v4.0";

		/**
		 * Input type of CohereClient embed requests that set none: search_document,
		 * search_query, classification, clustering or image (Spring AI's EmbeddingModel
		 * chooses per call instead).
		 */
		private @Nullable String inputType;

		/**
		 * Embedding types asked for by requests that set none: float, int8, uint8,
		 * binary, ubinary, base64.
		 */
		private List<String> embeddingTypes = new ArrayList<>();

		/**
		 * Output dimension of the embeddings (embed-v4.0: 256, 512, 1024 or 1536).
		 */
		private @Nullable Integer dimensions;

		/**
		 * Most inputs per embed call (at most 96); larger requests are split into
		 * batches.
		 */
		private int batchSize = 96;

		public @Nullable String getBackend() {
			return this.backend;
		}

		public void setBackend(@Nullable String backend) {
			this.backend = backend;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable String getInputType() {
			return this.inputType;
		}

		public void setInputType(@Nullable String inputType) {
			this.inputType = inputType;
		}

		public List<String> getEmbeddingTypes() {
			return this.embeddingTypes;
		}

		public void setEmbeddingTypes(List<String> embeddingTypes) {
			this.embeddingTypes = embeddingTypes;
		}

		public @Nullable Integer getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(@Nullable Integer dimensions) {
			this.dimensions = dimensions;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		@Override
		public String toString() {
			return "Embed[backend=" + this.backend + ", model=" + this.model + ", inputType=" + this.inputType
					+ ", embeddingTypes=" + this.embeddingTypes + ", dimensions=" + this.dimensions + ", batchSize="
					+ this.batchSize + "]";
		}

	}

	/**
	 * Rerank settings.
	 */
	public static class Rerank {

		/**
		 * Id of the backend serving rerank; defaults to cohere.backend.
		 */
		private @Nullable String backend;

		/**
		 * Model used when a rerank request names none.
		 */
		private String model = "rerank-v3.5";

		/**
		 * Number of results returned by rerank requests that set none.
		 */
		private @Nullable Integer topN;

		public @Nullable String getBackend() {
			return this.backend;
		}

		public void setBackend(@Nullable String backend) {
			this.backend = backend;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable Integer getTopN() {
			return this.topN;
		}

		public void setTopN(@Nullable Integer topN) {
			this.topN = topN;
		}

		@Override
		public String toString() {
			return "Rerank[backend=" + this.backend + ", model=" + this.model + ", topN=" + this.topN + "]";
		}

	}

	/**
	 * HTTP settings of the HTTP backends. The timeouts, redirects and SSL bundle default
	 * to Spring Boot's {@code spring.http.clients.*} when they are set there.
	 */
	public static class Http {

		/**
		 * Longest time to open a connection; when unset,
		 * spring.http.clients.connect-timeout, else 10s.
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Longest silence while waiting for a response or between two stream events (not
		 * a limit on the whole call); when unset, spring.http.clients.read-timeout, else
		 * 120s.
		 */
		private @Nullable Duration readTimeout;

		/**
		 * Whether redirects are followed (never from https to http, and the API key is
		 * never sent to another host); when unset, spring.http.clients.redirects
		 * (followed unless 'dont-follow'), else not followed.
		 */
		private @Nullable Boolean followRedirects;

		/**
		 * Largest response body, or single stream event, read before the call fails (not
		 * retried) instead of exhausting the heap.
		 */
		private DataSize maxResponseSize = DataSize.ofMegabytes(64);

		/**
		 * HTTP library the requests go through: 'auto' (when no
		 * CohereHttpClientCustomizer is defined: OkHttp when it is on the class path,
		 * else Reactor Netty when it is, else the JDK HttpClient), 'jdk', 'reactor-netty'
		 * or 'okhttp'.
		 */
		private HttpTransportType transport = HttpTransportType.AUTO;

		/**
		 * Whether every request and answer, headers and bodies included, is logged at
		 * DEBUG on the logger 'dev.springcohere.http.wire' (keys, credentials, signatures
		 * and cookies masked, bodies cut after 4096 characters); for debugging only.
		 */
		private boolean logBodies;

		private final Ssl ssl = new Ssl();

		private final Proxy proxy = new Proxy();

		public HttpTransportType getTransport() {
			return this.transport;
		}

		public void setTransport(HttpTransportType transport) {
			this.transport = transport;
		}

		public DataSize getMaxResponseSize() {
			return this.maxResponseSize;
		}

		public void setMaxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
		}

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public @Nullable Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(@Nullable Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public @Nullable Boolean getFollowRedirects() {
			return this.followRedirects;
		}

		public void setFollowRedirects(@Nullable Boolean followRedirects) {
			this.followRedirects = followRedirects;
		}

		public boolean isLogBodies() {
			return this.logBodies;
		}

		public void setLogBodies(boolean logBodies) {
			this.logBodies = logBodies;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		public Proxy getProxy() {
			return this.proxy;
		}

		@Override
		public String toString() {
			return "Http[connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout
					+ ", followRedirects=" + this.followRedirects + ", transport=" + this.transport.id()
					+ ", logBodies=" + this.logBodies + ", ssl=" + this.ssl + ", proxy=" + this.proxy + "]";
		}

		/**
		 * TLS settings.
		 */
		public static class Ssl {

			/**
			 * Name of the SSL bundle (spring.ssl.bundle.*) whose trust store and key
			 * decide the TLS connections, for a private CA or mutual TLS; when unset,
			 * spring.http.clients.ssl.bundle, else the JVM's trust store.
			 */
			private @Nullable String bundle;

			public @Nullable String getBundle() {
				return this.bundle;
			}

			public void setBundle(@Nullable String bundle) {
				this.bundle = bundle;
			}

			@Override
			public String toString() {
				return "Ssl[bundle=" + this.bundle + "]";
			}

		}

		/**
		 * HTTP proxy settings; without a host, the JVM's proxy system properties apply.
		 */
		public static class Proxy {

			/**
			 * Host of the HTTP proxy every request goes through (https ones through a
			 * CONNECT tunnel); when unset, the JVM's proxy system properties
			 * (http.proxyHost, https.proxyHost, http.nonProxyHosts) apply.
			 */
			private @Nullable String host;

			/**
			 * Port of the HTTP proxy; required with a host.
			 */
			private @Nullable Integer port;

			/**
			 * User name sent to the proxy with Basic authentication.
			 */
			private @Nullable String username;

			/**
			 * Password sent to the proxy with Basic authentication.
			 */
			private @Nullable String password;

			/**
			 * Hosts reached without the proxy, each a host name with an optional '*' at
			 * its start or end (localhost, *.internal, 10.*).
			 */
			private List<String> nonProxyHosts = new ArrayList<>();

			public @Nullable String getHost() {
				return this.host;
			}

			public void setHost(@Nullable String host) {
				this.host = host;
			}

			public @Nullable Integer getPort() {
				return this.port;
			}

			public void setPort(@Nullable Integer port) {
				this.port = port;
			}

			public @Nullable String getUsername() {
				return this.username;
			}

			public void setUsername(@Nullable String username) {
				this.username = username;
			}

			public @Nullable String getPassword() {
				return this.password;
			}

			public void setPassword(@Nullable String password) {
				this.password = password;
			}

			public List<String> getNonProxyHosts() {
				return this.nonProxyHosts;
			}

			public void setNonProxyHosts(List<String> nonProxyHosts) {
				this.nonProxyHosts = nonProxyHosts;
			}

			@Override
			public String toString() {
				return "Proxy[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", password="
						+ mask(this.password) + ", nonProxyHosts=" + this.nonProxyHosts + "]";
			}

		}

	}

	/**
	 * Retry settings (408, 429, 5xx and connection failures).
	 */
	public static class Retry {

		/**
		 * Most attempts per call, the first included; 1 disables retries.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the first retry when the server gives no Retry-After.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(30);

		/**
		 * Whether a blocking answer whose body breaks after a successful status is asked
		 * for again (the first generation may already be billed).
		 */
		private boolean onBrokenBody;

		public boolean isOnBrokenBody() {
			return this.onBrokenBody;
		}

		public void setOnBrokenBody(boolean onBrokenBody) {
			this.onBrokenBody = onBrokenBody;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		@Override
		public String toString() {
			return "Retry[maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff + ", maxBackoff="
					+ this.maxBackoff + "]";
		}

	}

	/**
	 * Structured output settings.
	 */
	public static class StructuredOutput {

		/**
		 * Structured output types (records annotated with {@code @StructuredOutput})
		 * whose schemas are checked at startup rather than on first use.
		 */
		private List<Class<?>> types = new ArrayList<>();

		public List<Class<?>> getTypes() {
			return this.types;
		}

		public void setTypes(List<Class<?>> types) {
			this.types = types;
		}

	}

	/**
	 * Health contributor settings.
	 */
	public static class Health {

		/**
		 * Whether the health contributor calls check-api-key (platform and private
		 * backends), so that a revoked or expired key shows as DOWN.
		 */
		private boolean checkKey;

		/**
		 * How long a check-api-key answer is reused before the key is checked again.
		 */
		private Duration checkKeyCache = Duration.ofMinutes(5);

		/**
		 * How long the health contributor waits for check-api-key before reporting
		 * UNKNOWN.
		 */
		private Duration checkKeyTimeout = Duration.ofSeconds(5);

		public boolean isCheckKey() {
			return this.checkKey;
		}

		public void setCheckKey(boolean checkKey) {
			this.checkKey = checkKey;
		}

		public Duration getCheckKeyCache() {
			return this.checkKeyCache;
		}

		public void setCheckKeyCache(Duration checkKeyCache) {
			this.checkKeyCache = checkKeyCache;
		}

		public Duration getCheckKeyTimeout() {
			return this.checkKeyTimeout;
		}

		public void setCheckKeyTimeout(Duration checkKeyTimeout) {
			this.checkKeyTimeout = checkKeyTimeout;
		}

	}

	/**
	 * Tokenizer settings of the platform and private backends.
	 */
	public static class Tokenize {

		/**
		 * Whether tokenize and detokenize run locally with the model's tokenizer
		 * (downloaded once from its tokenizer_url): auto (locally when possible, else the
		 * /v1/tokenize and /v1/detokenize endpoints), always (locally, or fail), never
		 * (always the endpoints). When unset, auto.
		 */
		private @Nullable String offline;

		/**
		 * Directory of the downloaded tokenizers; when unset, springcohere/tokenizers
		 * under the user cache directory (XDG_CACHE_HOME, else ~/.cache).
		 */
		private @Nullable String cacheDir;

		public @Nullable String getOffline() {
			return this.offline;
		}

		public void setOffline(@Nullable String offline) {
			this.offline = offline;
		}

		public @Nullable String getCacheDir() {
			return this.cacheDir;
		}

		public void setCacheDir(@Nullable String cacheDir) {
			this.cacheDir = cacheDir;
		}

	}

	/**
	 * Settings of the local (in-JVM engine) backend, from dev.springcohere:cohere-engine.
	 */
	public static class Local {

		/**
		 * Chat model: a Hugging Face model id (org/name[@revision], or
		 * org/name[@revision]:FILE.gguf for one GGUF file), a checkpoint directory or a
		 * .gguf file.
		 */
		private @Nullable String model;

		/**
		 * Embedding model: a Hugging Face model id or a checkpoint directory.
		 */
		private @Nullable String embedModel;

		/**
		 * Rerank (cross-encoder) model: a Hugging Face model id or a checkpoint
		 * directory.
		 */
		private @Nullable String rerankModel;

		/**
		 * Device the engine runs on: auto, cuda or cpu.
		 */
		private @Nullable String device;

		/**
		 * Directory of the Hugging Face cache where models are downloaded.
		 */
		private @Nullable String cacheDir;

		/**
		 * Base URL of the Hugging Face hub (or a mirror).
		 */
		private @Nullable String hubUrl;

		/**
		 * Longest context (prompt plus answer) in tokens.
		 */
		private @Nullable Integer maxContext;

		/**
		 * Number of generation sessions run at the same time.
		 */
		private @Nullable Integer poolSize;

		/**
		 * Number of chat requests that may wait for a free generation session (default
		 * 64).
		 */
		private @Nullable Integer maxQueued;

		/**
		 * Longest time a chat request waits for a free generation session before it fails
		 * (default 5 minutes).
		 */
		private @Nullable Duration maxWait;

		/**
		 * Number format of the KV cache: bf16 (default), f16 or f32.
		 */
		private @Nullable String kvCacheType;

		/**
		 * Memory budget of the paged KV cache that all chat requests share (default: room
		 * for pool-size sequences of the whole context).
		 */
		private @Nullable DataSize kvCacheMemory;

		/**
		 * Number of CPU threads of the CPU kernels.
		 */
		private @Nullable Integer threads;

		/**
		 * Quantization of the chat model's weights on load: none (default), q8_0 or q4_0.
		 */
		private @Nullable String quantize;

		/**
		 * Quantization of the token embedding / LM head on load: q8_0 (the default when
		 * quantize is set), q4_0 (smaller and faster, less exact) or none (the
		 * checkpoint's own).
		 */
		private @Nullable String quantizeOutput;

		public @Nullable String getModel() {
			return this.model;
		}

		public void setModel(@Nullable String model) {
			this.model = model;
		}

		public @Nullable String getEmbedModel() {
			return this.embedModel;
		}

		public void setEmbedModel(@Nullable String embedModel) {
			this.embedModel = embedModel;
		}

		public @Nullable String getRerankModel() {
			return this.rerankModel;
		}

		public void setRerankModel(@Nullable String rerankModel) {
			this.rerankModel = rerankModel;
		}

		public @Nullable String getDevice() {
			return this.device;
		}

		public void setDevice(@Nullable String device) {
			this.device = device;
		}

		public @Nullable String getCacheDir() {
			return this.cacheDir;
		}

		public void setCacheDir(@Nullable String cacheDir) {
			this.cacheDir = cacheDir;
		}

		public @Nullable String getHubUrl() {
			return this.hubUrl;
		}

		public void setHubUrl(@Nullable String hubUrl) {
			this.hubUrl = hubUrl;
		}

		public @Nullable Integer getMaxContext() {
			return this.maxContext;
		}

		public void setMaxContext(@Nullable Integer maxContext) {
			this.maxContext = maxContext;
		}

		public @Nullable Integer getPoolSize() {
			return this.poolSize;
		}

		public void setPoolSize(@Nullable Integer poolSize) {
			this.poolSize = poolSize;
		}

		public @Nullable Integer getMaxQueued() {
			return this.maxQueued;
		}

		public void setMaxQueued(@Nullable Integer maxQueued) {
			this.maxQueued = maxQueued;
		}

		public @Nullable Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(@Nullable Duration maxWait) {
			this.maxWait = maxWait;
		}

		public @Nullable DataSize getKvCacheMemory() {
			return this.kvCacheMemory;
		}

		public void setKvCacheMemory(@Nullable DataSize kvCacheMemory) {
			this.kvCacheMemory = kvCacheMemory;
		}

		public @Nullable String getKvCacheType() {
			return this.kvCacheType;
		}

		public void setKvCacheType(@Nullable String kvCacheType) {
			this.kvCacheType = kvCacheType;
		}

		public @Nullable Integer getThreads() {
			return this.threads;
		}

		public void setThreads(@Nullable Integer threads) {
			this.threads = threads;
		}

		public @Nullable String getQuantize() {
			return this.quantize;
		}

		public void setQuantize(@Nullable String quantize) {
			this.quantize = quantize;
		}

		public @Nullable String getQuantizeOutput() {
			return this.quantizeOutput;
		}

		public void setQuantizeOutput(@Nullable String quantizeOutput) {
			this.quantizeOutput = quantizeOutput;
		}

	}

	/**
	 * Settings shared by the backends of dev.springcohere:cohere-aws: region, endpoint
	 * override and credentials.
	 */
	public abstract static class Aws {

		/**
		 * AWS region of the service (Amazon Bedrock, or the SageMaker endpoint).
		 */
		private @Nullable String region;

		/**
		 * Endpoint replacing the regional runtime endpoint of the service.
		 */
		private @Nullable String endpointOverride;

		/**
		 * AWS access key id of static credentials (with secret-access-key); without it
		 * the AWS default credentials chain is used.
		 */
		private @Nullable String accessKeyId;

		/**
		 * AWS secret access key of static credentials (with access-key-id).
		 */
		private @Nullable String secretAccessKey;

		/**
		 * AWS session token of temporary static credentials.
		 */
		private @Nullable String sessionToken;

		/**
		 * Name of the AWS profile whose credentials to use instead of the default chain.
		 */
		private @Nullable String profile;

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public @Nullable String getEndpointOverride() {
			return this.endpointOverride;
		}

		public void setEndpointOverride(@Nullable String endpointOverride) {
			this.endpointOverride = endpointOverride;
		}

		public @Nullable String getAccessKeyId() {
			return this.accessKeyId;
		}

		public void setAccessKeyId(@Nullable String accessKeyId) {
			this.accessKeyId = accessKeyId;
		}

		public @Nullable String getSecretAccessKey() {
			return this.secretAccessKey;
		}

		public void setSecretAccessKey(@Nullable String secretAccessKey) {
			this.secretAccessKey = secretAccessKey;
		}

		public @Nullable String getSessionToken() {
			return this.sessionToken;
		}

		public void setSessionToken(@Nullable String sessionToken) {
			this.sessionToken = sessionToken;
		}

		public @Nullable String getProfile() {
			return this.profile;
		}

		public void setProfile(@Nullable String profile) {
			this.profile = profile;
		}

		void putInto(Map<String, Object> map, String backendId) {
			put(map, backendId + ".region", this.region);
			put(map, backendId + ".endpoint-override", this.endpointOverride);
			put(map, backendId + ".access-key-id", this.accessKeyId);
			put(map, backendId + ".secret-access-key", this.secretAccessKey);
			put(map, backendId + ".session-token", this.sessionToken);
			put(map, backendId + ".profile", this.profile);
		}

	}

	/**
	 * Settings of the bedrock backend, from dev.springcohere:cohere-aws.
	 */
	public static class Bedrock extends Aws {

		/**
		 * Amazon Bedrock API key, sent as a bearer token instead of SigV4 signing (do not
		 * set AWS credentials with it); when unset and no AWS credentials are configured,
		 * the AWS_BEARER_TOKEN_BEDROCK environment variable is used.
		 */
		private @Nullable String apiKey;

		/**
		 * Chat body the models take: auto (v1 for Command R/R+ and for ARNs that do not
		 * name their model, v2 otherwise), v1 or v2.
		 */
		private @Nullable String chatFormat;

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public @Nullable String getChatFormat() {
			return this.chatFormat;
		}

		public void setChatFormat(@Nullable String chatFormat) {
			this.chatFormat = chatFormat;
		}

	}

	/**
	 * Settings of the sagemaker backend, from dev.springcohere:cohere-aws.
	 */
	public static class Sagemaker extends Aws {

		/**
		 * Name of the SageMaker endpoint serving the Cohere model.
		 */
		private @Nullable String endpointName;

		/**
		 * Name of the SageMaker endpoint serving chat, when it differs from
		 * endpoint-name.
		 */
		private @Nullable String chatEndpointName;

		/**
		 * Name of the SageMaker endpoint serving embed, when it differs from
		 * endpoint-name.
		 */
		private @Nullable String embedEndpointName;

		/**
		 * Name of the SageMaker endpoint serving rerank, when it differs from
		 * endpoint-name.
		 */
		private @Nullable String rerankEndpointName;

		/**
		 * Name of the inference component to invoke on the endpoint(s).
		 */
		private @Nullable String inferenceComponent;

		/**
		 * Model sent as 'model' in chat bodies, naming the fine-tune of a chat endpoint
		 * that stacks several; unset, no model is sent.
		 */
		private @Nullable String chatModel;

		public @Nullable String getEndpointName() {
			return this.endpointName;
		}

		public void setEndpointName(@Nullable String endpointName) {
			this.endpointName = endpointName;
		}

		public @Nullable String getChatEndpointName() {
			return this.chatEndpointName;
		}

		public void setChatEndpointName(@Nullable String chatEndpointName) {
			this.chatEndpointName = chatEndpointName;
		}

		public @Nullable String getEmbedEndpointName() {
			return this.embedEndpointName;
		}

		public void setEmbedEndpointName(@Nullable String embedEndpointName) {
			this.embedEndpointName = embedEndpointName;
		}

		public @Nullable String getRerankEndpointName() {
			return this.rerankEndpointName;
		}

		public void setRerankEndpointName(@Nullable String rerankEndpointName) {
			this.rerankEndpointName = rerankEndpointName;
		}

		public @Nullable String getInferenceComponent() {
			return this.inferenceComponent;
		}

		public void setInferenceComponent(@Nullable String inferenceComponent) {
			this.inferenceComponent = inferenceComponent;
		}

		public @Nullable String getChatModel() {
			return this.chatModel;
		}

		public void setChatModel(@Nullable String chatModel) {
			this.chatModel = chatModel;
		}

	}

	/**
	 * Settings of the azure backend.
	 */
	public static class Azure {

		/**
		 * URL of the Azure AI Foundry endpoint serving the Cohere model.
		 */
		private @Nullable String endpoint;

		/**
		 * Key of the Azure endpoint.
		 */
		private @Nullable String apiKey;

		/**
		 * Route family of the endpoint: 'cohere' (/v2/chat, /v2/embed, /v2/rerank) or
		 * 'model-inference' (/chat/completions, /embeddings); detected from the endpoint
		 * URL when unset.
		 */
		private @Nullable String api;

		/**
		 * The api-version query parameter sent to the model-inference routes
		 * (2024-05-01-preview when unset).
		 */
		private @Nullable String apiVersion;

		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public @Nullable String getApi() {
			return this.api;
		}

		public void setApi(@Nullable String api) {
			this.api = api;
		}

		public @Nullable String getApiVersion() {
			return this.apiVersion;
		}

		public void setApiVersion(@Nullable String apiVersion) {
			this.apiVersion = apiVersion;
		}

	}

	/**
	 * Settings of the oci backend, from dev.springcohere:cohere-oci.
	 */
	public static class Oci {

		/**
		 * OCI region of the Generative AI service.
		 */
		private @Nullable String region;

		/**
		 * OCID of the compartment the calls are made in.
		 */
		private @Nullable String compartmentId;

		/**
		 * Path of the OCI configuration file.
		 */
		private @Nullable String configFile;

		/**
		 * Profile of the OCI configuration file.
		 */
		private @Nullable String profile;

		/**
		 * URL of the OCI Generative AI inference service, overriding the one derived from
		 * the region.
		 */
		private @Nullable String endpoint;

		/**
		 * How to authenticate to OCI: config-file (default), session-token,
		 * instance-principal or resource-principal.
		 */
		private @Nullable String auth;

		/**
		 * Chat API format sent to OCI: auto (default: cohere for Command R models,
		 * coherev2 otherwise), cohere or coherev2.
		 */
		private @Nullable String apiFormat;

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public @Nullable String getCompartmentId() {
			return this.compartmentId;
		}

		public void setCompartmentId(@Nullable String compartmentId) {
			this.compartmentId = compartmentId;
		}

		public @Nullable String getConfigFile() {
			return this.configFile;
		}

		public void setConfigFile(@Nullable String configFile) {
			this.configFile = configFile;
		}

		public @Nullable String getProfile() {
			return this.profile;
		}

		public void setProfile(@Nullable String profile) {
			this.profile = profile;
		}

		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

		public @Nullable String getAuth() {
			return this.auth;
		}

		public void setAuth(@Nullable String auth) {
			this.auth = auth;
		}

		public @Nullable String getApiFormat() {
			return this.apiFormat;
		}

		public void setApiFormat(@Nullable String apiFormat) {
			this.apiFormat = apiFormat;
		}

	}

	/**
	 * Settings of the openai-compat backend (vLLM, TGI and other OpenAI-compatible
	 * servers).
	 */
	public static class OpenaiCompat {

		/**
		 * Base URL of the OpenAI-compatible server.
		 */
		private @Nullable String baseUrl;

		/**
		 * Key of the OpenAI-compatible server.
		 */
		private @Nullable String apiKey;

		/**
		 * Path of a Cohere-style rerank route below the base URL, such as /rerank on
		 * vLLM; rerank is unsupported when unset.
		 */
		private @Nullable String rerankPath;

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public @Nullable String getRerankPath() {
			return this.rerankPath;
		}

		public void setRerankPath(@Nullable String rerankPath) {
			this.rerankPath = rerankPath;
		}

	}

}
