package dev.springcohere.engine.model;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The tensor types of ggml as numbered in GGUF files, with the {@link DType} the engine
 * reads each as; types the engine does not read have none and are refused by name.
 */
enum GgmlType {

	F32(0, DType.F32), F16(1, DType.F16), Q4_0(2, DType.Q4_0), Q4_1(3, null), Q5_0(6, null), Q5_1(7, null),
	Q8_0(8, DType.Q8_0), Q8_1(9, null), Q2_K(10, null), Q3_K(11, null), Q4_K(12, DType.Q4_K), Q5_K(13, null),
	Q6_K(14, DType.Q6_K), Q8_K(15, null), IQ2_XXS(16, null), IQ2_XS(17, null), IQ3_XXS(18, null), IQ1_S(19, null),
	IQ4_NL(20, null), IQ3_S(21, null), IQ2_S(22, null), IQ4_XS(23, null), I8(24, null), I16(25, null), I32(26, null),
	I64(27, null), F64(28, null), IQ1_M(29, null), BF16(30, DType.BF16), TQ1_0(34, null), TQ2_0(35, null),
	MXFP4(39, null);

	private final int id;

	private final @Nullable DType dtype;

	GgmlType(int id, @Nullable DType dtype) {
		this.id = id;
		this.dtype = dtype;
	}

	/**
	 * Resolves the type id of a tensor to the engine's element type.
	 * @param id the ggml type id
	 * @param file the file, for the message
	 * @param tensor the tensor name, for the message
	 * @return the element type
	 * @throws ModelFormatException for a type the engine does not read or an unknown id
	 */
	static DType dtype(int id, String file, String tensor) {
		for (GgmlType type : values()) {
			if (type.id == id) {
				if (type.dtype == null) {
					throw new ModelFormatException(file + ": tensor '" + tensor + "' has ggml type " + type.name()
							+ " (" + id + "), which the engine does not read; supported: " + supported()
							+ " (re-quantize the model to one of them, e.g. Q4_K_M, Q6_K or Q8_0)");
				}
				return type.dtype;
			}
		}
		throw new ModelFormatException(file + " is corrupt or too new: tensor '" + tensor
				+ "' has unknown ggml type id " + id + "; supported: " + supported());
	}

	/**
	 * The ggml type id of an element type (for writers and messages).
	 * @param dtype the element type
	 * @return the id
	 * @throws IllegalArgumentException for a type GGUF files do not hold
	 */
	static int id(DType dtype) {
		for (GgmlType type : values()) {
			if (type.dtype == dtype) {
				return type.id;
			}
		}
		throw new IllegalArgumentException(dtype + " has no ggml type the engine reads");
	}

	static String supported() {
		List<String> names = new ArrayList<>();
		for (GgmlType type : values()) {
			if (type.dtype != null) {
				names.add(type.name() + " (" + type.id + ")");
			}
		}
		return String.join(", ", names);
	}

}
