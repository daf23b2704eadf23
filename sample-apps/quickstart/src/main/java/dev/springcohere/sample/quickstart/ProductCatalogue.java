package dev.springcohere.sample.quickstart;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.annotation.ToolParam;

import org.springframework.stereotype.Component;

/**
 * An in-memory product catalogue offered to the model as tools.
 */
@Component
public final class ProductCatalogue {

	/**
	 * A product of the catalogue.
	 *
	 * @param sku the stock keeping unit
	 * @param name the product's name
	 * @param priceEur the price in euros
	 * @param stock how many are in stock
	 */
	public record Product(String sku, String name, double priceEur, int stock) {
	}

	private final Map<String, Product> products = Map.of("SKU-100",
			new Product("SKU-100", "Trail running shoes", 89.90, 12), "SKU-200",
			new Product("SKU-200", "Rain jacket", 129.00, 0), "SKU-300",
			new Product("SKU-300", "Insulated water bottle", 24.50, 40));

	/**
	 * Looks a product up by SKU or by (part of) its name.
	 * @param query a SKU such as SKU-100, or words of the product's name
	 * @return the matching products, empty when none matches
	 */
	@CohereTool(name = "product_lookup",
			description = "Finds products of the catalogue by SKU or by name, with price and stock")
	public List<Product> lookup(
			@ToolParam(description = "A SKU such as SKU-100, or words of the product name") String query) {
		Product bySku = this.products.get(query.trim().toUpperCase(Locale.ROOT));
		if (bySku != null) {
			return List.of(bySku);
		}
		String needle = query.trim().toLowerCase(Locale.ROOT);
		return this.products.values()
			.stream()
			.filter((product) -> product.name().toLowerCase(Locale.ROOT).contains(needle))
			.sorted((a, b) -> a.sku().compareTo(b.sku()))
			.toList();
	}

}
