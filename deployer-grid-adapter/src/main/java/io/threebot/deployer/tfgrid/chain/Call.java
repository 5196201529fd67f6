package io.threebot.deployer.tfgrid.chain;

import java.util.HexFormat;

/**
 * A runtime call, encoded: pallet index, call index and the arguments, as it goes into an extrinsic or into
 * another call (such as {@code Utility.batch_all}). Made by {@link RuntimeMetadata#call}.
 */
public final class Call {
    private final String pallet;
    private final String name;
    private final int palletIndex;
    private final int callIndex;
    private final byte[] encoded;

    Call(String pallet, String name, int palletIndex, int callIndex, byte[] encoded) {
        this.pallet = pallet;
        this.name = name;
        this.palletIndex = palletIndex;
        this.callIndex = callIndex;
        this.encoded = encoded;
    }

    /** The pallet's name as the metadata spells it, e.g. {@code TfgridModule}. */
    public String pallet() {
        return pallet;
    }

    /** The call's name as the metadata spells it, e.g. {@code user_accept_tc}. */
    public String name() {
        return name;
    }

    /** The pallet's index in the runtime. */
    public int palletIndex() {
        return palletIndex;
    }

    /** The call's index in its pallet. */
    public int callIndex() {
        return callIndex;
    }

    /** The encoded call; a copy. */
    public byte[] bytes() {
        return encoded.clone();
    }

    byte[] encoded() {
        return encoded;
    }

    /** Pallet, call and the encoding in hex. */
    @Override
    public String toString() {
        return pallet + "." + name + "(0x" + HexFormat.of().formatHex(encoded) + ")";
    }
}
