package dev.springcohere.engine.backend.output;

import java.util.List;
import java.util.Objects;

import dev.springcohere.api.Source;
import org.jspecify.annotations.Nullable;

/**
 * Maps a citation's (group, result) indexes to the v2 {@link Source} it points at (a
 * document or a tool result).
 * <p>
 * In the Command R7B format a citation {@code <co>span</co: 0:[1,2],1:[0]>} names groups
 * by the {@code tool_call_id} under which the prompt showed the results
 * ({@code <|START_TOOL_RESULT|>[{"tool_call_id": "1", "results": {"0": ...}}]}) and, in
 * each group, the keys of the cited results. The R7B chat template renders the documents
 * of the request as the results of a synthetic call {@code "0"} (one result per document)
 * and each tool message as result {@code "0"} of the call it answers, numbered by the
 * position of that call among all tool calls of the conversation (counting from 0,
 * without the documents' call, so that with documents the numbers can collide; a resolver
 * decides which wins). A citation with a flat list ({@code </co: 0,1>}, the older Command
 * R+ format) is resolved as group 0.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SourceResolver {

	/**
	 * Returns the source a citation points at.
	 * @param groupIndex the group (model-side tool call) index
	 * @param resultIndex the result index within the group
	 * @return the source, or {@code null} when there is none (the parser then skips that
	 * source)
	 */
	@Nullable Source resolve(int groupIndex, int resultIndex);

	/**
	 * Returns a resolver that knows no source, so that every citation is dropped.
	 * @return the resolver
	 */
	static SourceResolver none() {
		return (groupIndex, resultIndex) -> null;
	}

	/**
	 * Returns a resolver over fixed groups of sources:
	 * {@code groups.get(group).get(result)}; indexes outside the lists resolve to
	 * {@code null}.
	 * @param groups the sources of each group, in group order (copied)
	 * @return the resolver
	 */
	static SourceResolver of(List<? extends List<? extends Source>> groups) {
		Objects.requireNonNull(groups, "'groups' must not be null");
		List<List<Source>> copy = groups.stream().<List<Source>>map(List::copyOf).toList();
		return (groupIndex, resultIndex) -> {
			if (groupIndex < 0 || groupIndex >= copy.size()) {
				return null;
			}
			List<Source> group = copy.get(groupIndex);
			return (resultIndex >= 0 && resultIndex < group.size()) ? group.get(resultIndex) : null;
		};
	}

}
