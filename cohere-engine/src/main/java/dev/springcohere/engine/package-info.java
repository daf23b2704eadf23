/**
 * The in-JVM engine that runs Cohere's open-weight models on the CPU (Vector API) and,
 * where present, the GPU.
 */
package dev.springcohere.engine;
