package io.threebot.deployer.tfgrid.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to what {@link RuntimeMetadata#decode(int, byte[])} gives, for values read from a node: every
 * mismatch (a field missing, a number too large, a struct where bytes were expected) is the node's fault, a
 * {@link ChainProtocolException} naming what was read, never a {@code ClassCastException}.
 */
final class DecodedValue {
    private final Object value;
    private final String what;

    private DecodedValue(Object value, String what) {
        this.value = value;
        this.what = what;
    }

    static DecodedValue of(Object value, String what) {
        return new DecodedValue(value, what);
    }

    Object raw() {
        return value;
    }

    /** A field of a struct; a struct of one field may have been flattened to its value, which is then taken. */
    DecodedValue field(String name) {
        if (value instanceof Map<?, ?> map) {
            if (!map.containsKey(name)) {
                throw refused("has no field " + name);
            }
            return new DecodedValue(map.get(name), what + "." + name);
        }
        throw refused("is not a struct with the field " + name);
    }

    /** A field when the value is a struct that has it, else the value itself (a flattened one-field struct). */
    DecodedValue fieldOrSelf(String name) {
        return value instanceof Map<?, ?> map && map.containsKey(name) ? field(name) : this;
    }

    /** Whether the value is a struct with this field. */
    boolean has(String name) {
        return value instanceof Map<?, ?> map && map.containsKey(name);
    }

    /** An item of a tuple or of unnamed fields. */
    DecodedValue item(int index) {
        List<DecodedValue> items = list();
        if (index >= items.size()) {
            throw refused("has no item " + index);
        }
        return items.get(index);
    }

    BigInteger integer() {
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof Long l) {
            return BigInteger.valueOf(l);
        }
        throw refused("is not a number");
    }

    long longValue() {
        BigInteger number = integer();
        if (number.signum() < 0 || number.bitLength() > 63) {
            throw refused("is " + number + ", out of range");
        }
        return number.longValue();
    }

    byte[] bytes() {
        if (value instanceof byte[] b) {
            return b;
        }
        throw refused("is not bytes");
    }

    List<DecodedValue> list() {
        if (value instanceof List<?> items) {
            return java.util.stream.IntStream.range(0, items.size())
                    .mapToObj(i -> new DecodedValue(items.get(i), what + "[" + i + "]")).toList();
        }
        throw refused("is not a list");
    }

    Optional<DecodedValue> option() {
        if (value instanceof Optional<?> o) {
            return o.map(v -> new DecodedValue(v, what));
        }
        throw refused("is not an option");
    }

    EnumValue enumValue() {
        if (value instanceof EnumValue e) {
            return e;
        }
        throw refused("is not an enum");
    }

    /** The variant's name of an enum. */
    String variant() {
        return enumValue().name();
    }

    /** The fields' value of an enum's variant. */
    DecodedValue variantValue() {
        EnumValue e = enumValue();
        return new DecodedValue(e.value(), what + "::" + e.name());
    }

    ChainProtocolException refused(String problem) {
        return new ChainProtocolException("the chain's " + what + " " + problem);
    }
}
