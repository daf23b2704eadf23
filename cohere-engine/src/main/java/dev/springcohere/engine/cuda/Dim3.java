package dev.springcohere.engine.cuda;

/**
 * A grid or block shape of a kernel launch.
 *
 * @param x the first dimension
 * @param y the second dimension
 * @param z the third dimension
 */
public record Dim3(int x, int y, int z) {

	/**
	 * Checks the dimensions.
	 * @param x the first dimension
	 * @param y the second dimension
	 * @param z the third dimension
	 */
	public Dim3 {
		if (x < 1 || y < 1 || z < 1) {
			throw new IllegalArgumentException(
					"Launch dimensions must be at least 1, got (" + x + ", " + y + ", " + z + ")");
		}
	}

	/**
	 * A one-dimensional shape.
	 * @param x the size
	 * @return the shape
	 */
	public static Dim3 of(int x) {
		return new Dim3(x, 1, 1);
	}

	/**
	 * A two-dimensional shape.
	 * @param x the first size
	 * @param y the second size
	 * @return the shape
	 */
	public static Dim3 of(int x, int y) {
		return new Dim3(x, y, 1);
	}

}
