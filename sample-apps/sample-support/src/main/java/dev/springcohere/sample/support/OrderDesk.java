package dev.springcohere.sample.support;

import java.util.Map;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.annotation.ToolParam;

/**
 * In-memory order statuses offered to the model as a tool, once a sample registers this
 * class as a bean.
 */
public final class OrderDesk {

	/**
	 * The status of an order.
	 *
	 * @param orderId the order's id
	 * @param status the status, or {@code unknown} when no order has that id
	 * @param eta the expected delivery date, empty when not known
	 */
	public record OrderStatus(String orderId, String status, String eta) {
	}

	private final Map<String, OrderStatus> orders = Map.of("A-1001", new OrderStatus("A-1001", "shipped", "2026-11-25"),
			"A-1002", new OrderStatus("A-1002", "processing", ""), "A-1003",
			new OrderStatus("A-1003", "delivered", ""));

	private final java.util.Set<String> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * Returns the status of an order.
	 * @param orderId the order's id, such as A-1001
	 * @return the status; {@code unknown} when no order has that id
	 */
	@CohereTool(name = "order_status", description = "Returns the shipping status of an order by its id")
	public OrderStatus status(@ToolParam(description = "The order id, such as A-1001") String orderId) {
		return this.orders.getOrDefault(orderId.trim(), new OrderStatus(orderId, "unknown", ""));
	}

	/**
	 * Cancels an order; a person must approve each call before it runs.
	 * @param orderId the order's id, such as A-1002
	 * @return what happened
	 */
	@CohereTool(name = "cancel_order", description = "Cancels an order that has not shipped yet", confirm = true)
	public String cancel(@ToolParam(description = "The order id, such as A-1002") String orderId) {
		OrderStatus order = this.orders.get(orderId.trim());
		if (order == null) {
			return "There is no order " + orderId;
		}
		if (!"processing".equals(order.status())) {
			return "Order " + orderId + " is " + order.status() + " and can no longer be cancelled";
		}
		this.cancelled.add(order.orderId());
		return "Order " + orderId + " is cancelled";
	}

	/**
	 * Returns the orders cancelled so far.
	 * @return their ids
	 */
	public java.util.Set<String> cancelled() {
		return java.util.Set.copyOf(this.cancelled);
	}

}
