/**
 * The CUDA backend's foundation: FFM bindings to the CUDA driver API
 * ({@code libcuda.so.1}) found at run time, the PTX kernels compiled from
 * {@code src/main/cuda}, and the probe that says whether a usable GPU is present. No JNI
 * library of our own: every call goes through {@link java.lang.foreign.Linker}.
 */
@NullMarked
package dev.springcohere.engine.cuda;

import org.jspecify.annotations.NullMarked;
