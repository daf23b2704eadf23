package dev.springcohere.starter.shop;

import dev.springcohere.annotation.StructuredOutput;

/**
 * Contact details extracted from free text.
 *
 * @param name the person's name
 * @param email the e-mail address
 * @param phone the phone number
 */
@StructuredOutput(description = "Contact details of a person")
public record Contact(String name, String email, String phone) {

}
