package dev.springcohere.starter.shop;

import java.util.Map;

import dev.springcohere.annotation.CohereTool;

import org.springframework.stereotype.Component;

/**
 * Tells the status of orders.
 */
@Component
public class OrderStatus {

	private final Map<String, String> orders = Map.of("A-100", "shipped", "A-101", "awaiting payment");

	/**
	 * Returns the status of an order.
	 * @param orderId the order number
	 * @return the status, or a sentence saying the order is unknown
	 */
	@CohereTool(name = "order_status", description = "Returns the status of an order by its number")
	public String status(String orderId) {
		return this.orders.getOrDefault(orderId, "No order " + orderId);
	}

}
