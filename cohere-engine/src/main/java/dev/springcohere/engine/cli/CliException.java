package dev.springcohere.engine.cli;

/**
 * A usage error or unsupported option: printed to standard error, exit code 2.
 */
final class CliException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	CliException(String message) {
		super(message);
	}

}
