package dev.springcohere.starter.shop;

import java.util.Map;

import dev.springcohere.annotation.CohereTool;

import org.springframework.stereotype.Component;

/**
 * Looks products up in an in-memory catalogue.
 */
@Component
public class ProductCatalogue {

	private final Map<String, String> products = Map.of("SKU-1", "Trail running shoes, 89.90 EUR, 12 in stock", "SKU-2",
			"Rain jacket, 129.00 EUR, out of stock");

	/**
	 * Describes a product.
	 * @param sku the product's stock keeping unit
	 * @return the description, or a sentence saying the product is unknown
	 */
	@CohereTool(name = "product_lookup", description = "Describes a product of the catalogue by its SKU")
	public String lookup(String sku) {
		return this.products.getOrDefault(sku, "No product with SKU " + sku);
	}

}
