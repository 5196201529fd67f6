package io.threebot.deployer.tfgrid.chain;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ss58;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Encodes Java values as types of a metadata registry and decodes them back (see {@link RuntimeMetadata#encode}). */
final class TypeCodec {
    private static final int MAX_DEPTH = 128;

    private final RuntimeMetadata metadata;

    TypeCodec(RuntimeMetadata metadata) {
        this.metadata = metadata;
    }

    void encode(int typeId, Object value, ScaleWriter out) {
        encode(typeId, value, out, 0);
    }

    void encodeFields(List<RuntimeMetadata.Field> fields, Object value, ScaleWriter out) {
        encodeFields(fields, value, out, 0, "fields");
    }

    private void encode(int typeId, Object value, ScaleWriter out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ScaleException("the value nests deeper than " + MAX_DEPTH + " levels");
        }
        PortableType type = metadata.type(typeId);
        TypeDef def = type.def();
        if (def instanceof TypeDef.Primitive p) {
            encodePrimitive(p.kind(), value, out);
        } else if (def instanceof TypeDef.Compact c) {
            out.compact(integer(value, "a compact integer"));
        } else if (def instanceof TypeDef.Sequence s) {
            if (isU8(s.type())) {
                out.bytes(byteString(value, -1));
            } else {
                List<?> items = list(value, "a vector");
                out.compact(items.size());
                for (Object item : items) {
                    encode(s.type(), item, out, depth + 1);
                }
            }
        } else if (def instanceof TypeDef.Array a) {
            if (isU8(a.type())) {
                out.fixed(byteString(value, (int) a.length()), (int) a.length());
            } else {
                List<?> items = list(value, "an array");
                if (items.size() != a.length()) {
                    throw new ScaleException("an array of " + a.length() + " takes as many values, not "
                            + items.size());
                }
                for (Object item : items) {
                    encode(a.type(), item, out, depth + 1);
                }
            }
        } else if (def instanceof TypeDef.Tuple t) {
            if (t.types().isEmpty()) {
                return;
            }
            List<?> items = t.types().size() == 1 && !(value instanceof List<?>) ? List.of(value)
                    : list(value, "a tuple");
            if (items.size() != t.types().size()) {
                throw new ScaleException("a tuple of " + t.types().size() + " takes as many values, not "
                        + items.size());
            }
            for (int i = 0; i < items.size(); i++) {
                encode(t.types().get(i), items.get(i), out, depth + 1);
            }
        } else if (def instanceof TypeDef.Composite c) {
            encodeFields(c.fields(), value, out, depth, type.name());
        } else if (def instanceof TypeDef.Variant v) {
            encodeVariant(type, v, value, out, depth);
        } else {
            throw new ScaleException("bit sequences (type " + typeId + ") are not supported");
        }
    }

    private void encodeFields(List<RuntimeMetadata.Field> fields, Object value, ScaleWriter out, int depth,
            String what) {
        if (fields.isEmpty()) {
            return;
        }
        if (value instanceof Map<?, ?> map && fields.get(0).name().isPresent()
                && (fields.size() > 1 || map.containsKey(fields.get(0).name().get()))) {
            if (map.size() != fields.size()) {
                throw new ScaleException(what + " has fields " + fieldNames(fields) + ", given " + map.keySet());
            }
            for (RuntimeMetadata.Field field : fields) {
                String name = field.name().get();
                if (!map.containsKey(name)) {
                    throw new ScaleException(what + " needs field " + name);
                }
                encode(field.type(), map.get(name), out, depth + 1);
            }
        } else if (fields.size() == 1) {
            encode(fields.get(0).type(), value, out, depth + 1);
        } else {
            List<?> items = list(value, what);
            if (items.size() != fields.size()) {
                throw new ScaleException(what + " has " + fields.size() + " fields, given " + items.size());
            }
            for (int i = 0; i < items.size(); i++) {
                encode(fields.get(i).type(), items.get(i), out, depth + 1);
            }
        }
    }

    private void encodeVariant(PortableType type, TypeDef.Variant def, Object value, ScaleWriter out, int depth) {
        if (isOption(type, def)) {
            Optional<?> option = value instanceof Optional<?> o ? o : Optional.ofNullable(value);
            if (option.isEmpty()) {
                out.variant(def.byName("None").orElseThrow().index());
            } else {
                RuntimeMetadata.Variant some = def.byName("Some").orElseThrow();
                out.variant(some.index());
                encodeFields(some.fields(), option.get(), out, depth, "Some");
            }
            return;
        }
        if (value instanceof Call call) {
            byte[] bytes = call.encoded();
            if (def.byIndex(bytes[0] & 0xff).isEmpty()) {
                throw new ScaleException(type.name() + " has no variant " + (bytes[0] & 0xff) + " for "
                        + call.pallet() + "." + call.name());
            }
            out.raw(bytes);
            return;
        }
        EnumValue enumValue;
        if (value instanceof EnumValue e) {
            enumValue = e;
        } else if (value instanceof String name) {
            enumValue = EnumValue.of(name);
        } else {
            throw new ScaleException(type.name() + " is an enum: give an EnumValue, not " + describe(value));
        }
        RuntimeMetadata.Variant variant = def.byName(enumValue.name())
                .orElseThrow(() -> new ScaleException(type.name() + " has no variant " + enumValue.name()));
        out.variant(variant.index());
        if (variant.fields().isEmpty()) {
            if (enumValue.value() != null) {
                throw new ScaleException(type.name() + "::" + variant.name() + " has no fields");
            }
            return;
        }
        encodeFields(variant.fields(), enumValue.value(), out, depth, type.name() + "::" + variant.name());
    }

    private static void encodePrimitive(TypeDef.Primitive.Kind kind, Object value, ScaleWriter out) {
        switch (kind) {
            case BOOL -> {
                if (!(value instanceof Boolean b)) {
                    throw new ScaleException("a bool takes a Boolean, not " + describe(value));
                }
                out.bool(b);
            }
            case STR -> {
                if (!(value instanceof String s)) {
                    throw new ScaleException("a str takes a String, not " + describe(value));
                }
                out.str(s);
            }
            case CHAR -> throw new ScaleException("char is not a SCALE type");
            default -> {
                BigInteger number = integer(value, kind.name().toLowerCase());
                if (kind.signed) {
                    out.signed(number, kind.width);
                } else {
                    out.unsigned(number, kind.width);
                }
            }
        }
    }

    Object decode(int typeId, ScaleReader in) {
        return decode(typeId, in, 0);
    }

    private Object decode(int typeId, ScaleReader in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ScaleException("the data nests deeper than " + MAX_DEPTH + " levels");
        }
        PortableType type = metadata.type(typeId);
        TypeDef def = type.def();
        if (def instanceof TypeDef.Primitive p) {
            return switch (p.kind()) {
                case BOOL -> in.bool();
                case STR -> in.str();
                case CHAR -> throw new ScaleException("char is not a SCALE type");
                default -> {
                    BigInteger value = p.kind().signed ? in.signed(p.kind().width) : in.unsigned(p.kind().width);
                    yield p.kind().width <= 4 ? (Object) value.longValue() : value;
                }
            };
        } else if (def instanceof TypeDef.Compact) {
            return in.compact();
        } else if (def instanceof TypeDef.Sequence s) {
            if (isU8(s.type())) {
                return in.bytes();
            }
            int count = in.compactInt();
            if (count > in.remaining()) {
                throw new ScaleException("a vector of " + count + " elements in " + in.remaining() + " bytes");
            }
            List<Object> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(decode(s.type(), in, depth + 1));
            }
            return items;
        } else if (def instanceof TypeDef.Array a) {
            if (a.length() > in.remaining() && !isEmpty(a.type())) {
                throw new ScaleException("an array of " + a.length() + " elements in " + in.remaining() + " bytes");
            }
            if (isU8(a.type())) {
                return in.read((int) a.length());
            }
            List<Object> items = new ArrayList<>();
            for (long i = 0; i < a.length(); i++) {
                items.add(decode(a.type(), in, depth + 1));
            }
            return items;
        } else if (def instanceof TypeDef.Tuple t) {
            List<Object> items = new ArrayList<>();
            for (int item : t.types()) {
                items.add(decode(item, in, depth + 1));
            }
            return t.types().size() == 1 ? items.get(0) : items;
        } else if (def instanceof TypeDef.Composite c) {
            return decodeFields(c.fields(), in, depth);
        } else if (def instanceof TypeDef.Variant v) {
            int index = in.u8();
            RuntimeMetadata.Variant variant = v.byIndex(index)
                    .orElseThrow(() -> new ScaleException(type.name() + " has no variant " + index));
            Object value = variant.fields().isEmpty() ? null : decodeFields(variant.fields(), in, depth);
            if (isOption(type, v)) {
                return Optional.ofNullable(value);
            }
            return new EnumValue(variant.name(), value);
        }
        throw new ScaleException("bit sequences (type " + typeId + ") are not supported");
    }

    private Object decodeFields(List<RuntimeMetadata.Field> fields, ScaleReader in, int depth) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        if (fields.size() == 1) {
            return decode(fields.get(0).type(), in, depth + 1);
        }
        if (fields.get(0).name().isPresent()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (RuntimeMetadata.Field field : fields) {
                map.put(field.name().get(), decode(field.type(), in, depth + 1));
            }
            return map;
        }
        List<Object> items = new ArrayList<>();
        for (RuntimeMetadata.Field field : fields) {
            items.add(decode(field.type(), in, depth + 1));
        }
        return items;
    }

    /** Whether values of the type encode to no bytes at all (unit structs, empty tuples). */
    boolean isEmpty(int typeId) {
        return isEmpty(typeId, 0);
    }

    private boolean isEmpty(int typeId, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        TypeDef def = metadata.type(typeId).def();
        if (def instanceof TypeDef.Tuple t) {
            return t.types().stream().allMatch(x -> isEmpty(x, depth + 1));
        } else if (def instanceof TypeDef.Composite c) {
            return c.fields().stream().allMatch(f -> isEmpty(f.type(), depth + 1));
        } else if (def instanceof TypeDef.Array a) {
            return a.length() == 0 || isEmpty(a.type(), depth + 1);
        }
        return false;
    }

    private static boolean isOption(PortableType type, TypeDef.Variant def) {
        return type.path().equals(List.of("Option")) && def.variants().size() == 2 && def.byName("None").isPresent()
                && def.byName("Some").isPresent();
    }

    private boolean isU8(int typeId) {
        return metadata.type(typeId).def() instanceof TypeDef.Primitive p && p.kind() == TypeDef.Primitive.Kind.U8;
    }

    private static byte[] byteString(Object value, int fixedLength) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof String text) {
            if (text.startsWith("0x")) {
                try {
                    return HexFormat.of().parseHex(text.substring(2));
                } catch (IllegalArgumentException e) {
                    throw new ScaleException("bytes given as \"0x\" text must be hex");
                }
            }
            if (fixedLength == 32) {
                try {
                    return Ss58.decode(text);
                } catch (InvalidInputException e) {
                    throw new ScaleException("32 bytes take a byte[], 0x hex or an SS58 address", e);
                }
            }
            if (fixedLength < 0) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
        }
        if (value instanceof List<?> list) {
            byte[] bytes = new byte[list.size()];
            for (int i = 0; i < bytes.length; i++) {
                BigInteger b = integer(list.get(i), "a byte");
                if (b.signum() < 0 || b.bitLength() > 8) {
                    throw new ScaleException(b + " is not a byte");
                }
                bytes[i] = b.byteValue();
            }
            return bytes;
        }
        throw new ScaleException("bytes take a byte[], 0x hex or a String, not " + describe(value));
    }

    private static BigInteger integer(Object value, String what) {
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal d) {
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new ScaleException(what + " takes a whole number, not " + d);
            }
        }
        throw new ScaleException(what + " takes an integer (Long, Integer or BigInteger), not " + describe(value));
    }

    private static List<?> list(Object value, String what) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return List.copyOf(collection);
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        throw new ScaleException(what + " takes a List, not " + describe(value));
    }

    private static String fieldNames(List<RuntimeMetadata.Field> fields) {
        return fields.stream().map(f -> f.name().orElse("_")).toList().toString();
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
