package dev.springcohere.sample.support;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.springcohere.agent.AgentResult;
import dev.springcohere.agent.CohereAgent;
import dev.springcohere.autoconfigure.CohereToolRegistry;
import dev.springcohere.tool.ToolCallback;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.http.HttpStatus;

/**
 * The samples' agent: the application's {@code @CohereTool} tools (those of
 * {@code sample.agent.allowed-tools} when set) offered with {@code strict_tools}, and the
 * runs that wait for a person's approval of a tool call, kept in memory under a random id
 * until {@code sample.agent.pending-timeout}.
 */
public final class SampleAgent implements ApplicationListener<ContextRefreshedEvent> {

	private final CohereAccess cohere;

	private final ObjectProvider<CohereToolRegistry> registry;

	private final SampleAgentProperties properties;

	private final Clock clock;

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	/**
	 * Creates the agent.
	 * @param cohere access to the client and the tools
	 * @param registry the tools of the application
	 * @param properties what the agent offers
	 * @param clock the clock pending runs expire by
	 */
	public SampleAgent(CohereAccess cohere, ObjectProvider<CohereToolRegistry> registry,
			SampleAgentProperties properties, Clock clock) {
		this.cohere = cohere;
		this.registry = registry;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Checks, once the tools are registered, that every allowed tool exists.
	 * @param event the refresh of the context
	 * @throws IllegalStateException naming the unknown tools and the known ones
	 */
	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		CohereToolRegistry tools = this.registry.getIfAvailable();
		if (tools == null || this.properties.getAllowedTools().isEmpty()) {
			return;
		}
		Set<String> unknown = new LinkedHashSet<>(this.properties.getAllowedTools());
		unknown.removeAll(tools.getNames());
		if (!unknown.isEmpty()) {
			throw new IllegalStateException("sample.agent.allowed-tools names tools the application does not have: "
					+ unknown + "; the @CohereTool tools are " + tools.getNames()
					+ ". Fix the names or remove them from sample.agent.allowed-tools");
		}
	}

	/**
	 * Runs the agent on a message.
	 * @param message the user's message
	 * @return the outcome, with the id to resume it under when it is pending
	 */
	public Outcome run(String message) {
		return outcome(agent().run(message));
	}

	/**
	 * Resumes a run that waits for approval.
	 * @param pendingId the id the pending run was answered with
	 * @param approvedCallIds the tool calls a person approved; the others are declined
	 * @return the outcome
	 * @throws ApiException 404 when no run waits under that id (unknown or expired), 400
	 * when an approved id is not one of its calls
	 */
	public Outcome confirm(String pendingId, Set<String> approvedCallIds) {
		Pending entry = this.pending.remove(pendingId);
		if (entry == null || entry.expiresAt().isBefore(this.clock.instant())) {
			throw new ApiException(HttpStatus.NOT_FOUND, "No agent run waits for approval under the id '" + pendingId
					+ "' (unknown, already confirmed, or older than sample.agent.pending-timeout); start it again");
		}
		AgentResult result;
		try {
			result = agent().resume(entry.result(), approvedCallIds);
		}
		catch (IllegalArgumentException ex) {
			this.pending.put(pendingId, entry);
			throw ApiException.badField("approve", ex.getMessage());
		}
		return outcome(result);
	}

	private CohereAgent agent() {
		List<String> allowed = this.properties.getAllowedTools();
		List<ToolCallback> tools = this.cohere.tools();
		if (!allowed.isEmpty()) {
			tools = tools.stream().filter((tool) -> allowed.contains(tool.name())).toList();
		}
		return CohereAgent.builder(this.cohere.client()).tools(tools).strictTools(true).build();
	}

	private Outcome outcome(AgentResult result) {
		if (!result.isPending()) {
			return new Outcome(result, null, null);
		}
		Instant now = this.clock.instant();
		this.pending.values().removeIf((entry) -> entry.expiresAt().isBefore(now));
		if (this.pending.size() >= this.properties.getMaxPending()) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
					"Too many agent runs wait for approval (sample.agent.max-pending " + this.properties.getMaxPending()
							+ "); confirm or let some expire, then try again");
		}
		String id = UUID.randomUUID().toString();
		Instant expiresAt = now.plus(this.properties.getPendingTimeout());
		this.pending.put(id, new Pending(result, expiresAt));
		return new Outcome(result, id, expiresAt);
	}

	/**
	 * What a run or a confirmation gave.
	 *
	 * @param result the agent's result
	 * @param pendingId the id to confirm the pending calls under, {@code null} when the
	 * run finished
	 * @param expiresAt until when the pending run can be confirmed, {@code null} when it
	 * finished
	 */
	public record Outcome(AgentResult result, @Nullable String pendingId, @Nullable Instant expiresAt) {
	}

	private record Pending(AgentResult result, Instant expiresAt) {
	}

}
