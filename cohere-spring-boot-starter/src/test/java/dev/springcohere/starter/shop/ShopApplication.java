package dev.springcohere.starter.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop application using the starter: two {@code @CohereTool} beans and a
 * {@code @StructuredOutput} type.
 */
@SpringBootApplication
public class ShopApplication {

}
