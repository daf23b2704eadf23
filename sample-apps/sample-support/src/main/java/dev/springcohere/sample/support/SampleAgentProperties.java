package dev.springcohere.sample.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the samples' agent endpoint ({@code POST /api/agent}) offers the model, and how
 * long calls that need approval wait for it.
 */
@ConfigurationProperties("sample.agent")
public class SampleAgentProperties {

	/**
	 * Names of the @CohereTool tools the agent endpoint offers the model; empty offers
	 * every tool of the application. An unknown name fails the startup.
	 */
	private List<String> allowedTools = new ArrayList<>();

	/**
	 * How long a run that waits for approval of a tool call (@CohereTool(confirm = true))
	 * can be resumed with POST /api/agent/confirm.
	 */
	private Duration pendingTimeout = Duration.ofMinutes(10);

	/**
	 * Most runs waiting for approval at the same time; a run beyond that is answered 503.
	 */
	private int maxPending = 1000;

	public List<String> getAllowedTools() {
		return this.allowedTools;
	}

	public void setAllowedTools(List<String> allowedTools) {
		this.allowedTools = allowedTools;
	}

	public Duration getPendingTimeout() {
		return this.pendingTimeout;
	}

	public void setPendingTimeout(Duration pendingTimeout) {
		this.pendingTimeout = pendingTimeout;
	}

	public int getMaxPending() {
		return this.maxPending;
	}

	public void setMaxPending(int maxPending) {
		this.maxPending = maxPending;
	}

}
