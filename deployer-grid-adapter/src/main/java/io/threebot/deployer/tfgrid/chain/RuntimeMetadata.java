package io.threebot.deployer.tfgrid.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A runtime's metadata, version 14 (as {@code state_getMetadata} returns it: {@code "meta"}, the version byte,
 * then {@code RuntimeMetadataV14}): its type registry, pallets with their calls, storage entries, events and
 * errors, and the extrinsic format with its signed extensions. Every index a client needs is looked up here by name
 * (never hard-coded), so a runtime upgrade that moves a call is followed by reading the new metadata.
 *
 * <p>Names are matched as the metadata spells them ({@code TfgridModule}, {@code user_accept_tc}) or in
 * {@code @polkadot/api}'s camel case ({@code tfgridModule}, {@code userAcceptTc}): case and underscores are ignored
 * when there is no exact match. Immutable and thread-safe. {@link RuntimeMetadataWriter} writes what this reads.
 */
public final class RuntimeMetadata {
    private static final int MAGIC = 0x6174656d; // "meta", little-endian

    /** A field of a struct or enum variant: its name (absent in tuple structs), type id and Rust type name. */
    public record Field(Optional<String> name, int type, Optional<String> typeName) {
    }

    /** An enum variant: a call, an event or an error of a pallet, or a variant of any enum in the registry. */
    public record Variant(String name, int index, List<Field> fields, List<String> docs) {
    }

    /** A pallet and what it declares; calls, events and errors are empty lists when it has none. */
    public record Pallet(String name, int index, List<Variant> calls, List<StorageEntry> storage,
            List<Variant> events, List<Variant> errors) {
    }

    /** A call, event or error found by name or index, with its pallet's name and index. */
    public record PalletItem(String pallet, int palletIndex, Variant variant) {
        /** The variant's name. */
        public String name() {
            return variant.name();
        }

        /** The variant's index in its pallet. */
        public int index() {
            return variant.index();
        }
    }

    /**
     * A storage entry. A plain value has no hashers and {@code keyType} -1; a map has one hasher per key, and
     * {@code keyType} is the key's type (a tuple of the keys' types when there are several).
     */
    public record StorageEntry(String prefix, String name, boolean optional, List<StorageHasher> hashers,
            int keyType, int valueType, byte[] defaultValue) {
        /** Whether this is a map (has keys). */
        public boolean isMap() {
            return !hashers.isEmpty();
        }
    }

    /** A signed extension the runtime declares: what it adds to the extrinsic and to the signed payload. */
    public record SignedExtension(String identifier, int type, int additionalSigned) {
    }

    private final Map<Integer, PortableType> types;
    private final List<Pallet> pallets;
    private final int extrinsicType;
    private final int extrinsicVersion;
    private final List<SignedExtension> signedExtensions;
    private final TypeCodec codec;

    private RuntimeMetadata(Map<Integer, PortableType> types, List<Pallet> pallets, int extrinsicType,
            int extrinsicVersion, List<SignedExtension> signedExtensions) {
        this.types = types;
        this.pallets = pallets;
        this.extrinsicType = extrinsicType;
        this.extrinsicVersion = extrinsicVersion;
        this.signedExtensions = signedExtensions;
        this.codec = new TypeCodec(this);
    }

    /**
     * Reads a metadata blob ({@code "meta"} + version 14 + {@code RuntimeMetadataV14}).
     *
     * @throws MetadataException when it is not metadata v14 or is malformed
     */
    public static RuntimeMetadata parse(byte[] blob) {
        Objects.requireNonNull(blob, "blob");
        try {
            ScaleReader in = new ScaleReader(blob);
            if (in.remaining() < 5 || in.u32() != (MAGIC & 0xFFFFFFFFL)) {
                throw new MetadataException("not runtime metadata: the \"meta\" magic is missing");
            }
            int version = in.u8();
            if (version != 14) {
                throw new MetadataException("runtime metadata version " + version + " is not supported (14 is)");
            }
            Map<Integer, PortableType> types = new HashMap<>();
            for (PortableType type : in.vec(RuntimeMetadata::readType)) {
                if (types.put(type.id(), type) != null) {
                    throw new MetadataException("type " + type.id() + " is registered twice");
                }
            }
            Function<Integer, TypeDef.Variant> variants = id -> {
                PortableType type = types.get(id);
                if (type == null || !(type.def() instanceof TypeDef.Variant v)) {
                    throw new MetadataException("type " + id + " should be an enum");
                }
                return v;
            };
            List<Pallet> pallets = in.vec(r -> readPallet(r, variants));
            int extrinsicType = in.compactInt();
            int extrinsicVersion = in.u8();
            List<SignedExtension> extensions = in.vec(r -> new SignedExtension(r.str(), r.compactInt(),
                    r.compactInt()));
            in.compactInt(); // the runtime's own type
            in.expectEnd();
            RuntimeMetadata metadata = new RuntimeMetadata(Map.copyOf(types), List.copyOf(pallets), extrinsicType,
                    extrinsicVersion, List.copyOf(extensions));
            metadata.checkReferences();
            return metadata;
        } catch (ScaleException e) {
            throw new MetadataException("malformed runtime metadata: " + e.getMessage(), e);
        }
    }

    private static PortableType readType(ScaleReader in) {
        int id = in.compactInt();
        List<String> path = in.vec(ScaleReader::str);
        List<PortableType.Param> params = in.vec(r -> new PortableType.Param(r.str(),
                r.option(ScaleReader::compactInt).orElse(-1)));
        TypeDef def = switch (in.u8()) {
            case 0 -> new TypeDef.Composite(in.vec(RuntimeMetadata::readField));
            case 1 -> new TypeDef.Variant(in.vec(RuntimeMetadata::readVariant));
            case 2 -> new TypeDef.Sequence(in.compactInt());
            case 3 -> new TypeDef.Array(in.u32(), in.compactInt());
            case 4 -> new TypeDef.Tuple(in.vec(ScaleReader::compactInt));
            case 5 -> {
                int kind = in.u8();
                TypeDef.Primitive.Kind[] kinds = TypeDef.Primitive.Kind.values();
                if (kind >= kinds.length) {
                    throw new ScaleException("unknown primitive " + kind);
                }
                yield new TypeDef.Primitive(kinds[kind]);
            }
            case 6 -> new TypeDef.Compact(in.compactInt());
            case 7 -> new TypeDef.BitSequence(in.compactInt(), in.compactInt());
            default -> throw new ScaleException("unknown type definition kind");
        };
        in.vec(ScaleReader::str); // docs
        return new PortableType(id, List.copyOf(path), List.copyOf(params), def);
    }

    private static Field readField(ScaleReader in) {
        Optional<String> name = in.option(ScaleReader::str);
        int type = in.compactInt();
        Optional<String> typeName = in.option(ScaleReader::str);
        in.vec(ScaleReader::str); // docs
        return new Field(name, type, typeName);
    }

    private static Variant readVariant(ScaleReader in) {
        String name = in.str();
        List<Field> fields = in.vec(RuntimeMetadata::readField);
        int index = in.u8();
        List<String> docs = in.vec(ScaleReader::str);
        return new Variant(name, index, List.copyOf(fields), List.copyOf(docs));
    }

    private static Pallet readPallet(ScaleReader in, Function<Integer, TypeDef.Variant> variants) {
        String name = in.str();
        List<StorageEntry> storage = in.option(r -> {
            String prefix = r.str();
            return r.vec(e -> readStorageEntry(e, prefix));
        }).orElse(List.of());
        Optional<Integer> calls = in.option(ScaleReader::compactInt);
        Optional<Integer> events = in.option(ScaleReader::compactInt);
        in.vec(r -> { // constants: name, type, value, docs
            r.str();
            r.compactInt();
            r.bytes();
            return r.vec(ScaleReader::str);
        });
        Optional<Integer> errors = in.option(ScaleReader::compactInt);
        int index = in.u8();
        return new Pallet(name, index,
                calls.map(t -> variants.apply(t).variants()).orElse(List.of()),
                List.copyOf(storage),
                events.map(t -> variants.apply(t).variants()).orElse(List.of()),
                errors.map(t -> variants.apply(t).variants()).orElse(List.of()));
    }

    private static StorageEntry readStorageEntry(ScaleReader in, String prefix) {
        String name = in.str();
        int modifier = in.u8();
        if (modifier > 1) {
            throw new ScaleException("unknown storage modifier " + modifier);
        }
        int kind = in.u8();
        List<StorageHasher> hashers;
        int keyType;
        int valueType;
        if (kind == 0) {
            hashers = List.of();
            keyType = -1;
            valueType = in.compactInt();
        } else if (kind == 1) {
            StorageHasher[] all = StorageHasher.values();
            hashers = in.vec(r -> {
                int h = r.u8();
                if (h >= all.length) {
                    throw new ScaleException("unknown storage hasher " + h);
                }
                return all[h];
            });
            keyType = in.compactInt();
            valueType = in.compactInt();
        } else {
            throw new ScaleException("unknown storage entry kind " + kind);
        }
        byte[] defaultValue = in.bytes();
        in.vec(ScaleReader::str); // docs
        return new StorageEntry(prefix, name, modifier == 0, List.copyOf(hashers), keyType, valueType,
                defaultValue);
    }

    private void checkReferences() {
        for (PortableType type : types.values()) {
            TypeDef def = type.def();
            if (def instanceof TypeDef.Composite c) {
                c.fields().forEach(f -> type(f.type()));
            } else if (def instanceof TypeDef.Variant v) {
                v.variants().forEach(x -> x.fields().forEach(f -> type(f.type())));
            } else if (def instanceof TypeDef.Sequence q) {
                type(q.type());
            } else if (def instanceof TypeDef.Array a) {
                type(a.type());
            } else if (def instanceof TypeDef.Tuple t) {
                t.types().forEach(this::type);
            } else if (def instanceof TypeDef.Compact c) {
                type(c.type());
            }
        }
        type(extrinsicType);
        for (SignedExtension extension : signedExtensions) {
            type(extension.type());
            type(extension.additionalSigned());
        }
    }

    // ---- lookups ----

    /** Every pallet, in the metadata's order. */
    public List<Pallet> pallets() {
        return pallets;
    }

    /**
     * A pallet by name.
     *
     * @throws MetadataException when the runtime has no such pallet
     */
    public Pallet pallet(String name) {
        return find(pallets, Pallet::name, name, "pallet");
    }

    /**
     * A call of a pallet by name.
     *
     * @throws MetadataException when there is no such pallet or call
     */
    public PalletItem callInfo(String pallet, String call) {
        Pallet p = pallet(pallet);
        return new PalletItem(p.name(), p.index(), find(p.calls(), Variant::name, call, "call of " + p.name()));
    }

    /** An event of a pallet by name. */
    public PalletItem event(String pallet, String event) {
        Pallet p = pallet(pallet);
        return new PalletItem(p.name(), p.index(), find(p.events(), Variant::name, event, "event of " + p.name()));
    }

    /** An event by pallet index and event index, as events carry them. */
    public PalletItem event(int palletIndex, int eventIndex) {
        Pallet p = palletAt(palletIndex);
        return new PalletItem(p.name(), p.index(), at(p.events(), eventIndex, "event of " + p.name()));
    }

    /** A module error of a pallet by name. */
    public PalletItem error(String pallet, String error) {
        Pallet p = pallet(pallet);
        return new PalletItem(p.name(), p.index(), find(p.errors(), Variant::name, error, "error of " + p.name()));
    }

    /** A module error by pallet index and error index, as a dispatch error carries them. */
    public PalletItem error(int palletIndex, int errorIndex) {
        Pallet p = palletAt(palletIndex);
        return new PalletItem(p.name(), p.index(), at(p.errors(), errorIndex, "error of " + p.name()));
    }

    /** A storage entry of a pallet by name. */
    public StorageEntry storage(String pallet, String item) {
        Pallet p = pallet(pallet);
        return find(p.storage(), StorageEntry::name, item, "storage entry of " + p.name());
    }

    /** The signed extensions, in the order their data goes into an extrinsic. */
    public List<SignedExtension> signedExtensions() {
        return signedExtensions;
    }

    /** The extrinsic format's version (4 for tfchain). */
    public int extrinsicVersion() {
        return extrinsicVersion;
    }

    // ---- encoding ----

    /**
     * Encodes a call. The arguments are either the call's fields in order, or one {@code Map} from field name to
     * value. Values are mapped to the field types as {@link #encode(int, Object)} says.
     *
     * @throws MetadataException when there is no such call
     * @throws ScaleException    when an argument does not fit its type
     */
    public Call call(String pallet, String call, Object... args) {
        PalletItem item = callInfo(pallet, call);
        ScaleWriter out = new ScaleWriter().u8(item.palletIndex()).u8(item.index());
        List<Field> fields = item.variant().fields();
        if (args.length == 1 && args[0] instanceof Map<?, ?> && !(fields.size() == 1 && isMapLike(fields.get(0)))) {
            codec.encodeFields(fields, args[0], out);
        } else {
            if (args.length != fields.size()) {
                throw new ScaleException(item.pallet() + "." + item.name() + " takes " + fields.size()
                        + " arguments, not " + args.length);
            }
            for (int i = 0; i < fields.size(); i++) {
                codec.encode(fields.get(i).type(), args[i], out);
            }
        }
        return new Call(item.pallet(), item.name(), item.palletIndex(), item.index(), out.toByteArray());
    }

    private boolean isMapLike(Field field) {
        return type(field.type()).def() instanceof TypeDef.Composite;
    }

    /**
     * Encodes a value as a type of the registry. Java values map to types thus: {@code Number}s (or
     * {@code BigInteger}s) to integers and compacts; {@code Boolean} to bool; {@code String} to str; {@code byte[]}
     * (or {@code "0x"} hex) to {@code Vec<u8>} and {@code [u8; n]} (a 32-byte array also takes an SS58 address);
     * {@code List}s to vectors, tuples and arrays; a {@code Map} by field name (or a {@code List} in field order) to
     * a struct, and a struct of one field also to that field's value; {@code Optional} (or null) to
     * {@code Option}; {@link EnumValue} (or a variant's name, for one without fields) to an enum; a {@link Call} to
     * the runtime's call enum.
     *
     * @throws ScaleException when the value does not fit the type
     */
    public byte[] encode(int type, Object value) {
        ScaleWriter out = new ScaleWriter();
        codec.encode(type, value, out);
        return out.toByteArray();
    }

    /**
     * Decodes a value of a type of the registry, all its bytes: the mirror of {@link #encode(int, Object)}, with
     * integers of up to 32 bits as {@code Long}, wider ones and compacts as {@code BigInteger}, {@code Vec<u8>} and
     * {@code [u8; n]} as {@code byte[]}, structs as {@code Map}s (a one-field struct as its field's value), tuples as
     * {@code List}s, options as {@code Optional}s and other enums as {@link EnumValue}s.
     *
     * @throws ScaleException when the bytes are not a value of that type
     */
    public Object decode(int type, byte[] bytes) {
        ScaleReader in = new ScaleReader(bytes);
        Object value = codec.decode(type, in);
        in.expectEnd();
        return value;
    }

    /** Decodes one value of a type from a reader, leaving it after the value. */
    public Object decode(int type, ScaleReader in) {
        return codec.decode(type, in);
    }

    /**
     * The storage key of an entry: twox128(pallet prefix) ‖ twox128(name) ‖ each given key hashed by its hasher.
     * Fewer keys than the map has give a prefix (for iterating); none gives the entry's prefix.
     *
     * @throws MetadataException when there is no such entry
     * @throws ScaleException    when a key does not fit its type or there are too many
     */
    public byte[] storageKey(String pallet, String item, Object... keys) {
        StorageEntry entry = storage(pallet, item);
        if (keys.length > entry.hashers().size()) {
            throw new ScaleException(entry.prefix() + "." + entry.name() + " has " + entry.hashers().size()
                    + " keys, not " + keys.length);
        }
        ScaleWriter out = new ScaleWriter().raw(StorageHasher.prefix(entry.prefix(), entry.name()));
        List<Integer> keyTypes;
        if (entry.hashers().isEmpty()) {
            keyTypes = List.of();
        } else if (entry.hashers().size() == 1) {
            keyTypes = List.of(entry.keyType());
        } else if (type(entry.keyType()).def() instanceof TypeDef.Tuple tuple
                && tuple.types().size() == entry.hashers().size()) {
            keyTypes = tuple.types();
        } else {
            keyTypes = List.of();
        }
        if (!entry.hashers().isEmpty() && keyTypes.isEmpty()) {
            throw new MetadataException("storage entry " + entry.name() + " has keys this client cannot split");
        }
        for (int i = 0; i < keys.length; i++) {
            out.raw(entry.hashers().get(i).hash(encode(keyTypes.get(i), keys[i])));
        }
        return out.toByteArray();
    }

    // ---- internals ----

    PortableType type(int id) {
        PortableType type = types.get(id);
        if (type == null) {
            throw new MetadataException("the metadata refers to type " + id + ", which it does not define");
        }
        return type;
    }

    int extrinsicParam(String name) {
        int id = type(extrinsicType).param(name);
        if (id < 0) {
            throw new MetadataException("the metadata's extrinsic type names no " + name + " type");
        }
        return id;
    }

    TypeCodec codec() {
        return codec;
    }

    private Pallet palletAt(int index) {
        return pallets.stream().filter(p -> p.index() == index).findFirst()
                .orElseThrow(() -> new MetadataException("the runtime has no pallet at index " + index));
    }

    private static Variant at(List<Variant> variants, int index, String what) {
        return variants.stream().filter(v -> v.index() == index).findFirst()
                .orElseThrow(() -> new MetadataException("no " + what + " at index " + index));
    }

    private static <T> T find(List<T> items, Function<T, String> nameOf, String name, String what) {
        Objects.requireNonNull(name, what);
        for (T item : items) {
            if (nameOf.apply(item).equals(name)) {
                return item;
            }
        }
        List<T> loose = new ArrayList<>();
        String wanted = loose(name);
        for (T item : items) {
            if (loose(nameOf.apply(item)).equals(wanted)) {
                loose.add(item);
            }
        }
        if (loose.size() == 1) {
            return loose.get(0);
        }
        throw new MetadataException(loose.isEmpty() ? "the runtime has no " + what + " named " + name
                : "the " + what + " name " + name + " is ambiguous");
    }

    private static String loose(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
