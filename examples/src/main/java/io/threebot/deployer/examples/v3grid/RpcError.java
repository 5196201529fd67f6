package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.DeployerException;

/** A JSON-RPC error answer: code, message and optional data, as a Substrate node words them. */
final class RpcError extends DeployerException {
    final int code;
    final String data;

    RpcError(int code, String message, String data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    static RpcError methodNotFound() {
        return new RpcError(-32601, "Method not found", null);
    }

    static RpcError invalidParams(String detail) {
        return new RpcError(-32602, "Invalid params", detail);
    }

    @Override
    public Reason reason() {
        return Reason.INVALID_INPUT;
    }
}
