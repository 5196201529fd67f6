package io.threebot.deployer.tfgrid.chain;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ss58;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tfchain calls a 3Bot deployer makes, encoded for a runtime by its metadata (pallet and call indices, argument
 * names and types are looked up there, never hard-coded): a balance transfer, accepting the terms and conditions,
 * creating and updating a twin, creating, updating and cancelling node and name contracts, and
 * {@code Utility.batch_all}. Arguments are checked here first, so a bad one is an {@link InvalidInputException}
 * before anything is signed. Immutable and thread-safe.
 */
public final class TfgridCalls {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{3,64}");
    private static final Pattern DEPLOYMENT_HASH = Pattern.compile("[0-9a-f]{32}");

    private final RuntimeMetadata metadata;

    /** Calls for the runtime of this metadata. */
    public TfgridCalls(RuntimeMetadata metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * {@code Balances.transfer_keep_alive(dest, value)} (or {@code transfer_allow_death}, or the older
     * {@code transfer}, when the runtime has no such call): moves {@code amount} of the smallest unit to an account,
     * never leaving the sender below the existential deposit when the runtime can say so.
     *
     * @throws InvalidInputException when the address is not SS58 or the amount is not positive
     */
    public Call transfer(String destination, BigInteger amount) {
        byte[] account = account(destination, "destination");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new InvalidInputException("amount", "a transfer moves a positive amount");
        }
        String name = List.of("transfer_keep_alive", "transfer_allow_death", "transfer").stream()
                .filter(this::hasBalancesCall).findFirst()
                .orElseThrow(() -> new MetadataException("the runtime's Balances pallet has no transfer call"));
        RuntimeMetadata.Field dest = metadata.callInfo("Balances", name).variant().fields().get(0);
        return call("Balances", name, args("dest", address(dest.type(), account), "value", amount));
    }

    /**
     * {@code TfgridModule.user_accept_tc(document_link, document_hash)}: the signer accepts the grid's terms and
     * conditions, which {@code create_twin} requires.
     */
    public Call acceptTermsAndConditions(String documentLink, String documentHash) {
        return call("TfgridModule", "user_accept_tc", args("document_link",
                utf8(required(documentLink, "documentLink")), "document_hash",
                utf8(required(documentHash, "documentHash"))));
    }

    /**
     * {@code TfgridModule.create_twin(relay, pk)}: a twin for the signer's account, reached through the RMB relay
     * (a host name such as {@code relay.grid.tf}) with its end-to-end public key.
     */
    public Call createTwin(String relay, byte[] publicKey) {
        return twinCall("create_twin", relay, publicKey);
    }

    /** {@code TfgridModule.update_twin(relay, pk)}: the signer's twin gets a new relay and public key. */
    public Call updateTwin(String relay, byte[] publicKey) {
        return twinCall("update_twin", relay, publicKey);
    }

    /**
     * {@code SmartContractModule.create_node_contract(node_id, deployment_hash, deployment_data, public_ips,
     * solution_provider_id)}.
     *
     * @param deploymentHash the deployment's hash as zos computes it: the lower-case hex of an MD5, 32 characters
     * @param deploymentData what the deployer records with the contract (a short JSON text, as the official clients
     *                       write it)
     */
    public Call createNodeContract(long nodeId, String deploymentHash, String deploymentData, int publicIps,
            Optional<Long> solutionProviderId) {
        Objects.requireNonNull(solutionProviderId, "solutionProviderId");
        if (publicIps < 0) {
            throw new InvalidInputException("publicIps", "the number of public IPs is not negative");
        }
        return call("SmartContractModule", "create_node_contract", args("node_id", id(nodeId, "nodeId"),
                "deployment_hash", deploymentHash(deploymentHash), "deployment_data",
                utf8(required(deploymentData, "deploymentData")), "public_ips", (long) publicIps,
                "solution_provider_id", solutionProviderId));
    }

    /** {@code SmartContractModule.update_node_contract(contract_id, deployment_hash, deployment_data)}. */
    public Call updateNodeContract(long contractId, String deploymentHash, String deploymentData) {
        return call("SmartContractModule", "update_node_contract", args("contract_id",
                id(contractId, "contractId"), "deployment_hash", deploymentHash(deploymentHash), "deployment_data",
                utf8(required(deploymentData, "deploymentData"))));
    }

    /**
     * {@code SmartContractModule.create_name_contract(name)}: reserves a name on the grid's gateways.
     *
     * @throws InvalidInputException unless the name is 3 to 64 of {@code a-z 0-9 - _}, as tfchain requires
     */
    public Call createNameContract(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "a name is 3 to 64 lower-case letters, digits, '-' or '_'");
        }
        return call("SmartContractModule", "create_name_contract", args("name", utf8(name)));
    }

    /** {@code SmartContractModule.cancel_contract(contract_id)}. */
    public Call cancelContract(long contractId) {
        return call("SmartContractModule", "cancel_contract", args("contract_id",
                id(contractId, "contractId")));
    }

    /**
     * {@code Utility.batch_all(calls)}: the calls in one extrinsic, all or none (the first failure undoes the
     * others, and is the batch's error).
     */
    public Call batchAll(List<Call> calls) {
        if (calls == null || calls.isEmpty()) {
            throw new InvalidInputException("calls", "a batch holds at least one call");
        }
        return call("Utility", "batch_all", args("calls", List.copyOf(calls)));
    }

    private Call twinCall(String call, String relay, byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length == 0) {
            throw new InvalidInputException("publicKey", "a twin's public key is not empty");
        }
        return call("TfgridModule", call, args("relay", Optional.of(utf8(required(relay, "relay"))),
                "pk", Optional.of(publicKey.clone())));
    }

    /**
     * The call with its arguments given by name, passed in the order the metadata declares them, so that a
     * runtime that reorders or renames them is noticed instead of encoded wrongly.
     */
    private Call call(String pallet, String name, Map<String, Object> args) {
        List<RuntimeMetadata.Field> fields = metadata.callInfo(pallet, name).variant().fields();
        List<String> declared = fields.stream().map(f -> f.name().orElse("")).toList();
        if (!declared.equals(List.copyOf(args.keySet()))) {
            throw new MetadataException("the runtime's " + pallet + "." + name + " takes " + declared
                    + ", not " + args.keySet());
        }
        return metadata.call(pallet, name, args.values().toArray());
    }

    private boolean hasBalancesCall(String name) {
        return metadata.pallet("Balances").calls().stream().anyMatch(c -> c.name().equals(name));
    }

    private Object address(int type, byte[] account) {
        if (metadata.type(type).def() instanceof TypeDef.Variant) {
            return new EnumValue("Id", account);
        }
        return account;
    }

    private static Map<String, Object> args(Object... namesAndValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return args;
    }

    private static byte[] account(String address, String field) {
        if (address == null || !Ss58.isValid(address)) {
            throw new InvalidInputException(field, "not an SS58 address");
        }
        return Ss58.decode(address);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }

    private static byte[] deploymentHash(String hash) {
        if (hash == null || !DEPLOYMENT_HASH.matcher(hash).matches()) {
            throw new InvalidInputException("deploymentHash",
                    "a deployment hash is the lower-case hex of an MD5 (32 characters)");
        }
        return hash.getBytes(StandardCharsets.US_ASCII);
    }

    private static long id(long id, String field) {
        if (id <= 0) {
            throw new InvalidInputException(field, field + " is positive");
        }
        return id;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
