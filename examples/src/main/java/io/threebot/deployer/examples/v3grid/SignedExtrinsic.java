package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.EnumValue;
import io.threebot.deployer.tfgrid.chain.Hashing;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * A signed extrinsic that passed its checks: its bytes and hash, the signer, nonce, tip, decoded call and fee.
 *
 * @param bytes  the extrinsic as submitted (length-prefixed)
 * @param hash   its BLAKE2b-256 hash, hex with 0x
 * @param signer the signer's public key, hex
 * @param nonce  the signer's nonce it uses
 * @param tip    the tip
 * @param call   the call, as the runtime's call enum decodes it
 * @param fee    the fee it pays, tip included
 */
record SignedExtrinsic(byte[] bytes, String hash, String signer, long nonce, BigInteger tip, EnumValue call,
        BigInteger fee) {

    /** An extrinsic's hash as a node gives it: BLAKE2b-256 of its bytes as submitted, hex with 0x. */
    static String hashOf(byte[] extrinsic) {
        return "0x" + HexFormat.of().formatHex(Hashing.blake2b256(extrinsic));
    }
}
