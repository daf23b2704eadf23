package dev.springcohere.sample.support;

import dev.springcohere.annotation.StructuredOutput;

/**
 * Contact details extracted from free text by {@code POST /api/extract}.
 *
 * @param name the person's name
 * @param email the e-mail address
 * @param phone the phone number
 * @param company the company the person works for
 */
@StructuredOutput(description = "Contact details of a person found in a text")
public record Contact(String name, String email, String phone, String company) {

}
