package dev.springcohere.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one kernel launch, in the kernel's parameter order: device pointers,
 * 32-bit integers and floats. {@link #pack} lays them out as the driver's
 * {@code void** kernelParams}: one 8-byte slot per argument and an array of pointers to
 * the slots, ended by a null pointer (the driver reads only as many as the kernel
 * declares).
 */
public final class KernelArgs {

	private final List<Object> values = new ArrayList<>();

	private KernelArgs() {
	}

	/**
	 * An empty argument list.
	 * @return the list
	 */
	public static KernelArgs create() {
		return new KernelArgs();
	}

	/**
	 * Adds a device pointer.
	 * @param devicePointer the pointer
	 * @return this list
	 */
	public KernelArgs pointer(long devicePointer) {
		this.values.add(devicePointer);
		return this;
	}

	/**
	 * Adds a 32-bit integer.
	 * @param value the value
	 * @return this list
	 */
	public KernelArgs i32(int value) {
		this.values.add(value);
		return this;
	}

	/**
	 * Adds a float.
	 * @param value the value
	 * @return this list
	 */
	public KernelArgs f32(float value) {
		this.values.add(value);
		return this;
	}

	/**
	 * The arguments in order: {@link Long} pointers, {@link Integer}s and {@link Float}s.
	 * @return the values
	 */
	public List<Object> values() {
		return List.copyOf(this.values);
	}

	/**
	 * Lays the arguments out for {@code cuLaunchKernel}.
	 * @param arena where the slots live (at least until the launch call returns)
	 * @return the {@code void**} array
	 */
	public MemorySegment pack(Arena arena) {
		int count = this.values.size();
		MemorySegment slots = arena.allocate(8L * Math.max(1, count), 8);
		MemorySegment pointers = arena.allocate(ValueLayout.ADDRESS, count + 1L);
		for (int i = 0; i < count; i++) {
			MemorySegment slot = slots.asSlice(8L * i, 8);
			switch (this.values.get(i)) {
				case Long pointer -> slot.set(ValueLayout.JAVA_LONG, 0, pointer);
				case Integer value -> slot.set(ValueLayout.JAVA_INT, 0, value);
				case Float value -> slot.set(ValueLayout.JAVA_FLOAT, 0, value);
				default -> throw new IllegalStateException("Unexpected argument " + this.values.get(i));
			}
			pointers.setAtIndex(ValueLayout.ADDRESS, i, slot);
		}
		pointers.setAtIndex(ValueLayout.ADDRESS, count, MemorySegment.NULL);
		return pointers;
	}

	@Override
	public String toString() {
		return "KernelArgs" + this.values;
	}

}
