/**
 * The black-box test plumbing the samples share (published as the test-jar of
 * {@code sample-support}): an HTTP helper for the sample started on a random port. The
 * stand-in for Cohere (or for another backend) is a WireMock {@code WireMockExtension} in
 * each test class.
 */
@org.jspecify.annotations.NullMarked
package dev.springcohere.sample.support.test;
