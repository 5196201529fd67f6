package io.threebot.deployer.tfgrid.chain;

import java.util.List;
import java.util.Optional;

/** A type's shape in the metadata's portable registry (scale-info's {@code TypeDef}). */
sealed interface TypeDef {

    /** A struct (named fields) or a tuple struct (unnamed fields); no fields for a unit struct. */
    record Composite(List<RuntimeMetadata.Field> fields) implements TypeDef {
    }

    /** An enum. */
    record Variant(List<RuntimeMetadata.Variant> variants) implements TypeDef {
        Optional<RuntimeMetadata.Variant> byName(String name) {
            return variants.stream().filter(v -> v.name().equals(name)).findFirst();
        }

        Optional<RuntimeMetadata.Variant> byIndex(int index) {
            return variants.stream().filter(v -> v.index() == index).findFirst();
        }
    }

    /** {@code Vec<T>}. */
    record Sequence(int type) implements TypeDef {
    }

    /** {@code [T; length]}. */
    record Array(long length, int type) implements TypeDef {
    }

    /** {@code (A, B, ...)}; {@code ()} when empty. */
    record Tuple(List<Integer> types) implements TypeDef {
    }

    /** {@code Compact<T>}. */
    record Compact(int type) implements TypeDef {
    }

    /** A bit vector; read but not encoded by this client. */
    record BitSequence(int store, int order) implements TypeDef {
    }

    /** A primitive, in the metadata enum's order. */
    record Primitive(Kind kind) implements TypeDef {
        enum Kind {
            BOOL(0, false), CHAR(4, false), STR(0, false),
            U8(1, false), U16(2, false), U32(4, false), U64(8, false), U128(16, false), U256(32, false),
            I8(1, true), I16(2, true), I32(4, true), I64(8, true), I128(16, true), I256(32, true);

            final int width;
            final boolean signed;

            Kind(int width, boolean signed) {
                this.width = width;
                this.signed = signed;
            }

            boolean isInteger() {
                return ordinal() >= U8.ordinal();
            }
        }
    }
}
