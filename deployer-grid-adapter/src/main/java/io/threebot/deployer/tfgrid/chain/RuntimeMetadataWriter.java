package io.threebot.deployer.tfgrid.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Describes a runtime in Java and encodes it as runtime metadata, version 14: the bytes {@code state_getMetadata}
 * returns ({@code "meta"}, the version byte 14, then {@code RuntimeMetadataV14}), which {@link RuntimeMetadata#parse}
 * and other clients (such as {@code @polkadot/api}) read. It is the mirror of the reader, for a client or a test
 * that has to serve metadata itself rather than take it from a node.
 *
 * <p>A description has four parts, as the metadata does:
 * <ul>
 *   <li>the type registry: each method that adds a type ({@link #primitive}, {@link #compact}, {@link #sequence},
 *   {@link #array}, {@link #tuple}, {@link #composite}, {@link #variant}, {@link #option}, ...) returns its id. A
 *   type added twice alike gets its first id again, so {@code sequence(u8)} may be asked for wherever it is
 *   needed. A type that refers to itself, such as the runtime's call enum (through {@code Utility.batch}), is
 *   {@link #reserve reserved} first and defined later with {@link #defineComposite} or {@link #defineVariant};</li>
 *   <li>the pallets ({@link #pallet}): name, index, the enum types of their calls, events and errors, their storage
 *   entries and constants;</li>
 *   <li>the extrinsic format ({@link #extrinsic}): the {@code UncheckedExtrinsic} type (whose {@code Address},
 *   {@code Call}, {@code Signature} and {@code Extra} type parameters clients read), its version and the signed
 *   extensions in their order;</li>
 *   <li>the runtime's own type ({@link #runtimeType}).</li>
 * </ul>
 * Rust paths are written {@code "a::b::Name"} (an empty string for none); names, indices and paths are the
 * runtime's, as its {@code construct_runtime!} and pallets declare them. Docs are left out (empty), except for the
 * docs a {@link RuntimeMetadata.Variant} carries.
 *
 * <p>{@link #encode()} checks the description first (every type referred to is defined, reserved types are
 * defined, pallet names and indices are unique, calls, events and errors are enums, map keys fit their hashers)
 * and throws {@link MetadataException} when it does not hold. Not thread-safe; a writer may encode again after
 * more is added.
 */
public final class RuntimeMetadataWriter {
    private static final int MAGIC = 0x6174656d; // "meta", little-endian
    private static final int VERSION = 14;

    /** A primitive type, in the order of the metadata's primitive enum. */
    public enum Primitive {
        BOOL, CHAR, STR, U8, U16, U32, U64, U128, U256, I8, I16, I32, I64, I128, I256;

        TypeDef.Primitive.Kind kind() {
            return TypeDef.Primitive.Kind.valueOf(name());
        }
    }

    /**
     * A generic type parameter of a type: its name and, unless the type leaves it out of the metadata (as
     * {@code BoundedVec} does with its bound), its type.
     */
    public record TypeParam(String name, Optional<Integer> type) {
        /** @throws NullPointerException when a part is null */
        public TypeParam {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        /** A parameter bound to a type of the registry. */
        public static TypeParam of(String name, int type) {
            return new TypeParam(name, Optional.of(type));
        }

        /** A parameter the metadata names but does not bind (a skipped type parameter). */
        public static TypeParam skipped(String name) {
            return new TypeParam(name, Optional.empty());
        }
    }

    private record Definition(List<String> path, List<PortableType.Param> params, TypeDef def) {
    }

    private record Constant(String name, int type, byte[] value) {
    }

    private final List<Definition> types = new ArrayList<>(); // by id; null while reserved
    private final Map<Definition, Integer> ids = new HashMap<>();
    private final List<PalletBuilder> pallets = new ArrayList<>();
    private Integer extrinsicType;
    private int extrinsicVersion;
    private List<RuntimeMetadata.SignedExtension> signedExtensions = List.of();
    private Integer runtimeType;

    /** An empty description. */
    public RuntimeMetadataWriter() {
    }

    // ---- fields and variants ----

    /** A named field of a struct or variant, with its Rust type name (e.g. {@code "T::Balance"}). */
    public static RuntimeMetadata.Field field(String name, int type, String typeName) {
        return new RuntimeMetadata.Field(Optional.of(name), type, Optional.ofNullable(typeName));
    }

    /** A named field without a Rust type name. */
    public static RuntimeMetadata.Field field(String name, int type) {
        return new RuntimeMetadata.Field(Optional.of(name), type, Optional.empty());
    }

    /** An unnamed field (of a tuple struct or tuple variant), with its Rust type name (or null). */
    public static RuntimeMetadata.Field unnamed(int type, String typeName) {
        return new RuntimeMetadata.Field(Optional.empty(), type, Optional.ofNullable(typeName));
    }

    /** A variant of an enum (a call, event or error, or a variant of any enum), without docs. */
    public static RuntimeMetadata.Variant variant(String name, int index, RuntimeMetadata.Field... fields) {
        return new RuntimeMetadata.Variant(name, index, List.of(fields), List.of());
    }

    // ---- types ----

    /** A primitive ({@code bool}, {@code str}, {@code u8} ... {@code i256}). */
    public int primitive(Primitive primitive) {
        return add("", List.of(), new TypeDef.Primitive(primitive.kind()));
    }

    /** {@code Compact<T>}. */
    public int compact(int type) {
        return add("", List.of(), new TypeDef.Compact(type));
    }

    /** {@code Vec<T>}. */
    public int sequence(int type) {
        return add("", List.of(), new TypeDef.Sequence(type));
    }

    /** {@code [T; length]}. */
    public int array(long length, int type) {
        if (length < 0 || length > 0xFFFFFFFFL) {
            throw new MetadataException("an array's length is a u32, not " + length);
        }
        return add("", List.of(), new TypeDef.Array(length, type));
    }

    /** {@code (A, B, ...)}; {@code ()} without types. */
    public int tuple(int... types) {
        return add("", List.of(), new TypeDef.Tuple(Arrays.stream(types).boxed().toList()));
    }

    /** A bit vector ({@code BitVec<store, order>}), given the types of its store and order. */
    public int bitSequence(int store, int order) {
        return add("", List.of(), new TypeDef.BitSequence(store, order));
    }

    /** A struct (named fields), tuple struct (unnamed fields) or unit struct (none) at a Rust path. */
    public int composite(String path, List<TypeParam> params, List<RuntimeMetadata.Field> fields) {
        return add(path, params, new TypeDef.Composite(List.copyOf(fields)));
    }

    /** An enum at a Rust path. */
    public int variant(String path, List<TypeParam> params, List<RuntimeMetadata.Variant> variants) {
        return add(path, params, new TypeDef.Variant(List.copyOf(variants)));
    }

    /** {@code Option<T>}: the enum {@code Option} with {@code None} (0) and {@code Some(T)} (1). */
    public int option(int type) {
        return variant("Option", List.of(TypeParam.of("T", type)),
                List.of(variant("None", 0), variant("Some", 1, unnamed(type, null))));
    }

    /** {@code Result<T, E>}: the enum {@code Result} with {@code Ok(T)} (0) and {@code Err(E)} (1). */
    public int result(int ok, int err) {
        return variant("Result", List.of(TypeParam.of("T", ok), TypeParam.of("E", err)),
                List.of(variant("Ok", 0, unnamed(ok, null)), variant("Err", 1, unnamed(err, null))));
    }

    /**
     * Reserves an id for a type defined later (with {@link #defineComposite} or {@link #defineVariant}), so that
     * types defined before it, or the type itself, can refer to it.
     */
    public int reserve() {
        types.add(null);
        return types.size() - 1;
    }

    /**
     * Defines a reserved type as a struct.
     *
     * @throws MetadataException when the id is not reserved or is already defined
     */
    public void defineComposite(int id, String path, List<TypeParam> params, List<RuntimeMetadata.Field> fields) {
        define(id, definition(path, params, new TypeDef.Composite(List.copyOf(fields))));
    }

    /**
     * Defines a reserved type as an enum.
     *
     * @throws MetadataException when the id is not reserved or is already defined
     */
    public void defineVariant(int id, String path, List<TypeParam> params, List<RuntimeMetadata.Variant> variants) {
        define(id, definition(path, params, new TypeDef.Variant(List.copyOf(variants))));
    }

    private int add(String path, List<TypeParam> params, TypeDef def) {
        Definition definition = definition(path, params, def);
        Integer id = ids.get(definition);
        if (id != null) {
            return id;
        }
        types.add(definition);
        ids.put(definition, types.size() - 1);
        return types.size() - 1;
    }

    private void define(int id, Definition definition) {
        if (id < 0 || id >= types.size()) {
            throw new MetadataException("type " + id + " was not reserved");
        }
        if (types.get(id) != null) {
            throw new MetadataException("type " + id + " is already defined");
        }
        types.set(id, definition);
        ids.putIfAbsent(definition, id);
    }

    private static Definition definition(String path, List<TypeParam> params, TypeDef def) {
        Objects.requireNonNull(path, "path");
        List<String> parts = path.isEmpty() ? List.of() : List.of(path.split("::", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new MetadataException("the Rust path \"" + path + "\" has an empty segment");
        }
        List<PortableType.Param> portable = params.stream()
                .map(p -> new PortableType.Param(p.name(), p.type().orElse(-1))).toList();
        return new Definition(parts, portable, def);
    }

    // ---- pallets, extrinsic, runtime ----

    /**
     * Adds a pallet at its index in the runtime and returns its builder.
     *
     * @throws MetadataException when the index is not 0 to 255
     */
    public PalletBuilder pallet(String name, int index) {
        Objects.requireNonNull(name, "name");
        if (index < 0 || index > 255) {
            throw new MetadataException("a pallet index is 0 to 255, not " + index);
        }
        PalletBuilder pallet = new PalletBuilder(name, index);
        pallets.add(pallet);
        return pallet;
    }

    /**
     * The extrinsic format: the {@code UncheckedExtrinsic} type, the extrinsic version (4 for signed extrinsics
     * as {@link ExtrinsicBuilder} makes them) and the signed extensions in the order their data is encoded.
     */
    public RuntimeMetadataWriter extrinsic(int type, int version, List<RuntimeMetadata.SignedExtension> extensions) {
        if (version < 0 || version > 255) {
            throw new MetadataException("an extrinsic version is a u8, not " + version);
        }
        this.extrinsicType = type;
        this.extrinsicVersion = version;
        this.signedExtensions = List.copyOf(extensions);
        return this;
    }

    /** The runtime's own type (the struct {@code construct_runtime!} declares). */
    public RuntimeMetadataWriter runtimeType(int type) {
        this.runtimeType = type;
        return this;
    }

    /** What one pallet declares. Calls, events and errors are enum types of the registry; any may be absent. */
    public final class PalletBuilder {
        private final String name;
        private final int index;
        private String storagePrefix;
        private final Map<String, RuntimeMetadata.StorageEntry> storage = new LinkedHashMap<>();
        private final List<Constant> constants = new ArrayList<>();
        private Integer calls;
        private Integer events;
        private Integer errors;

        private PalletBuilder(String name, int index) {
            this.name = name;
            this.index = index;
            this.storagePrefix = name;
        }

        /** The enum of the pallet's calls. */
        public PalletBuilder calls(int type) {
            this.calls = type;
            return this;
        }

        /** The enum of the pallet's events. */
        public PalletBuilder events(int type) {
            this.events = type;
            return this;
        }

        /** The enum of the pallet's errors. */
        public PalletBuilder errors(int type) {
            this.errors = type;
            return this;
        }

        /** The prefix of the pallet's storage keys; the pallet's name unless set. */
        public PalletBuilder storagePrefix(String prefix) {
            this.storagePrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * A plain storage value. An {@code optional} entry ({@code OptionQuery}) reads as none when absent; its
         * default is usually {@code 00}. Otherwise ({@code ValueQuery}) the default is the encoded value an absent
         * entry reads as.
         */
        public PalletBuilder value(String item, int valueType, boolean optional, byte[] defaultValue) {
            return entry(new RuntimeMetadata.StorageEntry(storagePrefix, item, optional, List.of(), -1, valueType,
                    defaultValue.clone()));
        }

        /**
         * A storage map with one hasher per key; {@code keyType} is the key's type, or a tuple of the keys' types
         * when there are several (a double map has two hashers and a key tuple of two).
         */
        public PalletBuilder map(String item, List<StorageHasher> hashers, int keyType, int valueType,
                boolean optional, byte[] defaultValue) {
            if (hashers.isEmpty()) {
                throw new MetadataException("the storage map " + item + " needs at least one hasher");
            }
            return entry(new RuntimeMetadata.StorageEntry(storagePrefix, item, optional, List.copyOf(hashers),
                    keyType, valueType, defaultValue.clone()));
        }

        /** A constant: its type and encoded value. */
        public PalletBuilder constant(String constant, int type, byte[] value) {
            constants.add(new Constant(Objects.requireNonNull(constant, "constant"), type, value.clone()));
            return this;
        }

        private PalletBuilder entry(RuntimeMetadata.StorageEntry entry) {
            if (storage.putIfAbsent(entry.name(), entry) != null) {
                throw new MetadataException("the pallet " + name + " already has a storage entry " + entry.name());
            }
            return this;
        }
    }

    // ---- encoding ----

    /**
     * Checks the description and encodes it: {@code "meta"}, 14, then {@code RuntimeMetadataV14}.
     *
     * @throws MetadataException when the description is incomplete or inconsistent
     */
    public byte[] encode() {
        check();
        ScaleWriter out = new ScaleWriter().u32(MAGIC & 0xFFFFFFFFL).u8(VERSION);
        out.compact(types.size());
        for (int id = 0; id < types.size(); id++) {
            writeType(out, id, types.get(id));
        }
        out.vec(pallets, RuntimeMetadataWriter::writePallet);
        out.compact(extrinsicType).u8(extrinsicVersion);
        out.vec(signedExtensions, (w, e) -> w.str(e.identifier()).compact(e.type()).compact(e.additionalSigned()));
        out.compact(runtimeType);
        return out.toByteArray();
    }

    /**
     * The description as the reader sees it: {@code RuntimeMetadata.parse(encode())}.
     *
     * @throws MetadataException when the description is incomplete or inconsistent
     */
    public RuntimeMetadata toMetadata() {
        return RuntimeMetadata.parse(encode());
    }

    private static void writeType(ScaleWriter out, int id, Definition type) {
        out.compact(id);
        out.vec(type.path(), ScaleWriter::str);
        out.vec(type.params(), (w, p) -> w.str(p.name())
                .option(p.type() < 0 ? Optional.<Integer>empty() : Optional.of(p.type()), ScaleWriter::compact));
        TypeDef def = type.def();
        if (def instanceof TypeDef.Composite c) {
            out.u8(0).vec(c.fields(), RuntimeMetadataWriter::writeField);
        } else if (def instanceof TypeDef.Variant v) {
            out.u8(1).vec(v.variants(), RuntimeMetadataWriter::writeVariant);
        } else if (def instanceof TypeDef.Sequence s) {
            out.u8(2).compact(s.type());
        } else if (def instanceof TypeDef.Array a) {
            out.u8(3).u32(a.length()).compact(a.type());
        } else if (def instanceof TypeDef.Tuple t) {
            out.u8(4).vec(t.types(), ScaleWriter::compact);
        } else if (def instanceof TypeDef.Primitive p) {
            out.u8(5).u8(p.kind().ordinal());
        } else if (def instanceof TypeDef.Compact c) {
            out.u8(6).compact(c.type());
        } else if (def instanceof TypeDef.BitSequence b) {
            out.u8(7).compact(b.store()).compact(b.order());
        }
        out.compact(0); // docs
    }

    private static void writeField(ScaleWriter out, RuntimeMetadata.Field field) {
        out.option(field.name(), ScaleWriter::str).compact(field.type()).option(field.typeName(), ScaleWriter::str)
                .compact(0); // docs
    }

    private static void writeVariant(ScaleWriter out, RuntimeMetadata.Variant variant) {
        out.str(variant.name()).vec(variant.fields(), RuntimeMetadataWriter::writeField).u8(variant.index())
                .vec(variant.docs(), ScaleWriter::str);
    }

    private static void writePallet(ScaleWriter out, PalletBuilder pallet) {
        out.str(pallet.name);
        out.option(pallet.storage.isEmpty() ? Optional.empty() : Optional.of(pallet.storage.values()), (w, entries) -> {
            w.str(pallet.storagePrefix);
            w.vec(entries, RuntimeMetadataWriter::writeStorageEntry);
        });
        out.option(Optional.ofNullable(pallet.calls), ScaleWriter::compact);
        out.option(Optional.ofNullable(pallet.events), ScaleWriter::compact);
        out.vec(pallet.constants, (w, c) -> w.str(c.name()).compact(c.type()).bytes(c.value()).compact(0));
        out.option(Optional.ofNullable(pallet.errors), ScaleWriter::compact);
        out.u8(pallet.index);
    }

    private static void writeStorageEntry(ScaleWriter out, RuntimeMetadata.StorageEntry entry) {
        out.str(entry.name()).u8(entry.optional() ? 0 : 1);
        if (entry.isMap()) {
            out.u8(1).vec(entry.hashers(), (w, h) -> w.u8(h.ordinal())).compact(entry.keyType())
                    .compact(entry.valueType());
        } else {
            out.u8(0).compact(entry.valueType());
        }
        out.bytes(entry.defaultValue()).compact(0); // docs
    }

    private void check() {
        for (int id = 0; id < types.size(); id++) {
            Definition type = types.get(id);
            if (type == null) {
                throw new MetadataException("type " + id + " was reserved but never defined");
            }
            String what = "type " + id + (type.path().isEmpty() ? "" : " (" + String.join("::", type.path()) + ")");
            for (PortableType.Param param : type.params()) {
                if (param.type() >= 0) {
                    known(param.type(), what + ", parameter " + param.name());
                }
            }
            TypeDef def = type.def();
            if (def instanceof TypeDef.Composite c) {
                c.fields().forEach(f -> known(f.type(), what));
            } else if (def instanceof TypeDef.Variant v) {
                checkVariants(v.variants(), what);
            } else if (def instanceof TypeDef.Sequence s) {
                known(s.type(), what);
            } else if (def instanceof TypeDef.Array a) {
                known(a.type(), what);
            } else if (def instanceof TypeDef.Tuple t) {
                t.types().forEach(x -> known(x, what));
            } else if (def instanceof TypeDef.Compact c) {
                known(c.type(), what);
            } else if (def instanceof TypeDef.BitSequence b) {
                known(b.store(), what);
                known(b.order(), what);
            }
        }
        Set<String> names = new HashSet<>();
        Set<Integer> indices = new HashSet<>();
        for (PalletBuilder pallet : pallets) {
            if (!names.add(pallet.name)) {
                throw new MetadataException("two pallets are named " + pallet.name);
            }
            if (!indices.add(pallet.index)) {
                throw new MetadataException("two pallets have the index " + pallet.index);
            }
            String what = "pallet " + pallet.name;
            enumType(pallet.calls, what + "'s calls");
            enumType(pallet.events, what + "'s events");
            enumType(pallet.errors, what + "'s errors");
            for (RuntimeMetadata.StorageEntry entry : pallet.storage.values()) {
                String item = what + ", storage entry " + entry.name();
                known(entry.valueType(), item);
                if (entry.isMap()) {
                    known(entry.keyType(), item);
                    int keys = entry.hashers().size();
                    if (keys > 1 && !(types.get(entry.keyType()).def() instanceof TypeDef.Tuple t
                            && t.types().size() == keys)) {
                        throw new MetadataException(item + " has " + keys + " hashers, so its key type must be a"
                                + " tuple of " + keys);
                    }
                }
            }
            pallet.constants.forEach(c -> known(c.type(), what + ", constant " + c.name()));
        }
        if (extrinsicType == null) {
            throw new MetadataException("the extrinsic format is not described");
        }
        known(extrinsicType, "the extrinsic");
        Set<String> identifiers = new HashSet<>();
        for (RuntimeMetadata.SignedExtension extension : signedExtensions) {
            if (!identifiers.add(extension.identifier())) {
                throw new MetadataException("the signed extension " + extension.identifier() + " is listed twice");
            }
            known(extension.type(), "the signed extension " + extension.identifier());
            known(extension.additionalSigned(), "the signed extension " + extension.identifier());
        }
        if (runtimeType == null) {
            throw new MetadataException("the runtime's type is not set");
        }
        known(runtimeType, "the runtime");
    }

    private void checkVariants(List<RuntimeMetadata.Variant> variants, String what) {
        Set<Integer> indices = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (RuntimeMetadata.Variant variant : variants) {
            if (variant.index() < 0 || variant.index() > 255) {
                throw new MetadataException(what + ": the variant " + variant.name() + " has index "
                        + variant.index() + ", not 0 to 255");
            }
            if (!indices.add(variant.index()) || !names.add(variant.name())) {
                throw new MetadataException(what + ": two variants have the name " + variant.name()
                        + " or the index " + variant.index());
            }
            variant.fields().forEach(f -> known(f.type(), what + "::" + variant.name()));
        }
    }

    private void enumType(Integer type, String what) {
        if (type != null) {
            known(type, what);
            if (!(types.get(type).def() instanceof TypeDef.Variant)) {
                throw new MetadataException(what + " must be an enum type, and type " + type + " is not");
            }
        }
    }

    private void known(int type, String what) {
        if (type < 0 || type >= types.size()) {
            throw new MetadataException(what + " refers to type " + type + ", which is not defined");
        }
    }
}
