package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.EnumValue;
import java.math.BigInteger;

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
}
