/**
 * Annotations that expose plain Java to Cohere models:
 * {@link dev.springcohere.annotation.CohereTool} methods become tools and
 * {@link dev.springcohere.annotation.StructuredOutput} types become typed answers.
 */
package dev.springcohere.annotation;
