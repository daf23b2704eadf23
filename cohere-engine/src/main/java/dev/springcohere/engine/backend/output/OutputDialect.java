package dev.springcohere.engine.backend.output;

/**
 * The output format a model was trained to write.
 *
 * @since 0.1.0
 */
public enum OutputDialect {

	/**
	 * Command R7B and newer: {@code <|START_THINKING|>},
	 * {@code <|START_ACTION|>[...]<|END_ACTION|>}, {@code <|START_RESPONSE|>} and
	 * citations {@code <co>span</co: 0:[1,2]>}.
	 */
	COMMAND_R7B,

	/**
	 * Command R and R+ (2024): {@code Action: ```json [...]```} for tool calls (a
	 * {@code directly-answer} call means no call),
	 * {@code Relevant Documents: ... Grounded answer: ...} for grounded answers with
	 * citations {@code <co: 0,1>span</co: 0,1>}, and plain text otherwise.
	 */
	COMMAND_R_PLUS

}
