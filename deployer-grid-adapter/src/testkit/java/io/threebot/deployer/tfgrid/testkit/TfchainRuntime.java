package io.threebot.deployer.tfgrid.testkit;

import static io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.field;
import static io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.unnamed;
import static io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.variant;

import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.Primitive;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.TypeParam;
import io.threebot.deployer.tfgrid.chain.ScaleWriter;
import io.threebot.deployer.tfgrid.chain.StorageHasher;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A runtime shaped like tfchain's, described with {@link RuntimeMetadataWriter} as tfchain declares it: the pallets
 * at the indices of its {@code construct_runtime!} (System 0, Timestamp 1, Utility 3, Balances 20,
 * TransactionPayment 21, TfgridModule 25, SmartContractModule 26), their calls with tfchain's call indices, argument
 * names, types and Rust type names ({@code TfgridModule.create_twin} and {@code update_twin(relay, pk)} with two
 * {@code Option<BoundedVec<u8, _>>}, {@code user_accept_tc(document_link, document_hash)},
 * {@code Balances.transfer_keep_alive(dest: MultiAddress<AccountId32, ()>, value: Compact<u128>)} and the older
 * {@code transfer}, {@code Utility.batch_all(calls: Vec<RuntimeCall>)}, the node, name and rent contract calls), the
 * storage a 3Bot deployer and the grid's services read (accounts, twins, farms, nodes, pricing policies, contracts,
 * with their hashers, key and value types), the events and module errors at their indices, a few constants, and
 * tfchain's extrinsic format: version 4, {@code MultiAddress}, {@code MultiSignature} and the signed extensions
 * CheckNonZeroSender, CheckSpecVersion, CheckTxVersion, CheckGenesis, CheckMortality, CheckNonce, CheckWeight and
 * ChargeTransactionPayment.
 *
 * <p>It is a description, not tfchain's metadata: pallets, calls, events and storage that neither the deployer nor
 * the local grid uses are left out, and so are the errors past those listed here. The records it does describe
 * (accounts, twins, farms, nodes, contracts) have tfchain's layout, since clients decode them. The local tfchain of
 * the examples serves it from {@code state_getMetadata} and encodes its storage and events and decodes extrinsics
 * with it; unit tests read it with {@link RuntimeMetadata} and with polkadot-js, which must agree on every name and
 * index.
 */
public final class TfchainRuntime {
    /** The runtime's spec name, as {@code state_getRuntimeVersion} and {@code system_name} give it. */
    public static final String SPEC_NAME = "substrate-threefold";
    /** The runtime's spec version, signed by CheckSpecVersion. */
    public static final long SPEC_VERSION = 149;
    /** The runtime's transaction version, signed by CheckTxVersion. */
    public static final long TRANSACTION_VERSION = 2;
    /** The SS58 address prefix (System's {@code SS58Prefix}). */
    public static final int SS58_PREFIX = 42;
    /** How many recent block hashes the chain keeps (System's {@code BlockHashCount}). */
    public static final int BLOCK_HASH_COUNT = 2400;
    /** One TFT in its smallest unit: TFT has 7 decimals. */
    public static final long ONE_TFT = 10_000_000L;
    /** Balances' {@code ExistentialDeposit}, in the smallest unit. */
    public static final BigInteger EXISTENTIAL_DEPOSIT = BigInteger.valueOf(500);
    /** SmartContractModule's {@code MaxNameContractNameLength}. */
    public static final int MAX_NAME_CONTRACT_NAME_LENGTH = 64;
    /** SmartContractModule's {@code MaxDeploymentDataLength}. */
    public static final int MAX_DEPLOYMENT_DATA_LENGTH = 512;
    /** SmartContractModule's {@code MaxNodeContractPublicIps}. */
    public static final int MAX_NODE_CONTRACT_PUBLIC_IPS = 512;
    /** Timestamp's {@code MinimumPeriod} of {@link #standard()}: half of tfchain's six-second block time. */
    public static final long STANDARD_MINIMUM_PERIOD_MILLIS = 3000;

    /** System's pallet index. */
    public static final int SYSTEM = 0;
    /** Timestamp's pallet index. */
    public static final int TIMESTAMP = 1;
    /** Utility's pallet index. */
    public static final int UTILITY = 3;
    /** Balances' pallet index. */
    public static final int BALANCES = 20;
    /** TransactionPayment's pallet index. */
    public static final int TRANSACTION_PAYMENT = 21;
    /** TfgridModule's pallet index. */
    public static final int TFGRID = 25;
    /** SmartContractModule's pallet index. */
    public static final int SMART_CONTRACT = 26;

    /** TfgridModule's errors, in their order (index = position). */
    public static final List<String> TFGRID_ERRORS = List.of("NoneValue", "StorageOverflow", "CannotCreateNode",
            "NodeNotExists", "NodeWithTwinIdExists", "CannotDeleteNode", "NodeDeleteNotAuthorized",
            "NodeUpdateNotAuthorized", "FarmExists", "FarmNotExists", "CannotCreateFarmWrongTwin",
            "CannotUpdateFarmWrongTwin", "CannotDeleteFarm", "CannotDeleteFarmWithPublicIPs",
            "CannotDeleteFarmWithNodesAssigned", "CannotDeleteFarmWrongTwin", "IpExists", "IpNotExists",
            "EntityWithNameExists", "EntityWithPubkeyExists", "EntityNotExists", "EntitySignatureDoesNotMatch",
            "EntityWithSignatureAlreadyExists", "CannotUpdateEntity", "CannotDeleteEntity",
            "SignatureLengthIsIncorrect", "TwinExists", "TwinNotExists", "TwinWithPubkeyExists", "CannotCreateTwin",
            "UnauthorizedToUpdateTwin", "TwinCannotBoundToItself", "PricingPolicyExists", "PricingPolicyNotExists",
            "PricingPolicyWithDifferentIdExists", "CertificationCodeExists", "FarmingPolicyAlreadyExists",
            "FarmPayoutAdressAlreadyRegistered", "FarmerDoesNotHaveEnoughFunds", "UserDidNotSignTermsAndConditions",
            "FarmerDidNotSignTermsAndConditions", "FarmerNotAuthorized", "InvalidFarmName", "AlreadyCertifier",
            "NotCertifier", "NotAllowedToCertifyNode", "FarmingPolicyNotExists", "RelayTooShort", "RelayTooLong",
            "InvalidRelay", "FarmNameTooShort", "FarmNameTooLong", "InvalidPublicIP", "PublicIPTooShort",
            "PublicIPTooLong", "GatewayIPTooShort", "GatewayIPTooLong", "IP4TooShort", "IP4TooLong", "InvalidIP4",
            "GW4TooShort", "GW4TooLong", "InvalidGW4", "IP6TooShort", "IP6TooLong", "InvalidIP6", "GW6TooShort",
            "GW6TooLong", "InvalidGW6", "DomainTooShort", "DomainTooLong", "InvalidDomain", "MethodIsDeprecated",
            "InterfaceNameTooShort", "InterfaceNameTooLong", "InvalidInterfaceName", "InterfaceMacTooShort",
            "InterfaceMacTooLong", "InvalidMacAddress", "InterfaceIpTooShort", "InterfaceIpTooLong",
            "InvalidInterfaceIP", "InvalidZosVersion", "FarmingPolicyExpired", "InvalidHRUInput", "InvalidSRUInput",
            "InvalidCRUInput", "InvalidMRUInput", "LatitudeInputTooShort", "LatitudeInputTooLong",
            "InvalidLatitudeInput", "LongitudeInputTooShort", "LongitudeInputTooLong", "InvalidLongitudeInput",
            "CountryNameTooShort", "CountryNameTooLong", "InvalidCountryName", "CityNameTooShort", "CityNameTooLong",
            "InvalidCityName", "InvalidCountryCityPair", "SerialNumberTooShort", "SerialNumberTooLong",
            "InvalidSerialNumber", "DocumentLinkInputTooShort", "DocumentLinkInputTooLong",
            "InvalidDocumentLinkInput", "DocumentHashInputTooShort", "DocumentHashInputTooLong",
            "InvalidDocumentHashInput", "InvalidPublicConfig", "UnauthorizedToChangePowerTarget",
            "NodeHasActiveContracts", "InvalidRelayAddress", "InvalidTimestampHint");

    /** SmartContractModule's errors, in their order (index = position). */
    public static final List<String> SMART_CONTRACT_ERRORS = List.of("TwinNotExists", "NodeNotExists", "FarmNotExists",
            "FarmHasNotEnoughPublicIPs", "FarmHasNotEnoughPublicIPsFree", "FailedToReserveIP", "FailedToFreeIPs",
            "ContractNotExists", "TwinNotAuthorizedToUpdateContract", "TwinNotAuthorizedToCancelContract",
            "NodeNotAuthorizedToDeployContract", "NodeNotAuthorizedToComputeReport", "PricingPolicyNotExists",
            "ContractIsNotUnique", "ContractWrongBillingLoopIndex", "NameExists", "NameNotValid",
            "InvalidContractType", "TFTPriceValueError", "NotEnoughResourcesOnNode",
            "NodeNotAuthorizedToReportResources", "MethodIsDeprecated", "NodeHasActiveContracts",
            "NodeHasRentContract", "FarmIsNotDedicated", "NodeNotAvailableToDeploy",
            "CannotUpdateContractInGraceState", "NumOverflow", "OffchainSignedTxCannotSign",
            "OffchainSignedTxAlreadySent", "OffchainSignedTxNoLocalAccountAvailable", "NameContractNameTooShort",
            "NameContractNameTooLong", "InvalidProviderConfiguration", "NoSuchSolutionProvider",
            "SolutionProviderNotApproved", "TwinNotAuthorized", "ServiceContractNotExists",
            "ServiceContractCreationNotAllowed", "ServiceContractModificationNotAllowed",
            "ServiceContractApprovalNotAllowed", "ServiceContractRejectionNotAllowed",
            "ServiceContractBillingNotApprovedByBoth", "ServiceContractBillingVariableAmountTooHigh",
            "ServiceContractBillMetadataTooLong", "ServiceContractMetadataTooLong",
            "ServiceContractNotEnoughFundsToPayBill", "CanOnlyIncreaseFrequency", "IsNotAnAuthority",
            "WrongAuthority", "UnauthorizedToChangeSolutionProviderId", "UnauthorizedToSetExtraFee");

    /** Balances' errors, in their order (index = position). */
    public static final List<String> BALANCES_ERRORS = List.of("VestingBalance", "LiquidityRestrictions",
            "InsufficientBalance", "ExistentialDeposit", "Expendability", "ExistingVestingSchedule", "DeadAccount",
            "TooManyReserves", "TooManyHolds", "TooManyFreezes");

    private static final TfchainRuntime STANDARD = create(STANDARD_MINIMUM_PERIOD_MILLIS);

    private final RuntimeMetadata metadata;
    private final byte[] blob;
    private final int runtimeCall;
    private final int address;
    private final int signature;

    private TfchainRuntime(byte[] blob, int runtimeCall, int address, int signature) {
        this.blob = blob;
        this.metadata = RuntimeMetadata.parse(blob);
        this.runtimeCall = runtimeCall;
        this.address = address;
        this.signature = signature;
    }

    /**
     * The runtime with tfchain's {@link #STANDARD_MINIMUM_PERIOD_MILLIS}, described and encoded once.
     *
     * @return the shared runtime
     */
    public static TfchainRuntime standard() {
        return STANDARD;
    }

    /**
     * Describes the runtime and encodes its metadata.
     *
     * @param minimumPeriodMillis Timestamp's {@code MinimumPeriod} constant: half the chain's block time
     * @return the runtime
     */
    public static TfchainRuntime create(long minimumPeriodMillis) {
        Description d = new Description();
        RuntimeMetadataWriter w = d.describe(minimumPeriodMillis);
        return new TfchainRuntime(w.encode(), d.runtimeCall, d.address, d.signature);
    }

    /**
     * The description itself, for tests that add to it before encoding; a new writer each time.
     *
     * @param minimumPeriodMillis Timestamp's {@code MinimumPeriod} constant
     * @return a writer holding the whole description
     */
    public static RuntimeMetadataWriter describe(long minimumPeriodMillis) {
        return new Description().describe(minimumPeriodMillis);
    }

    /**
     * The metadata, read back from its own blob.
     *
     * @return the metadata
     */
    public RuntimeMetadata metadata() {
        return metadata;
    }

    /**
     * The metadata blob {@code state_getMetadata} returns ("meta", version 14).
     *
     * @return a copy of the blob
     */
    public byte[] blob() {
        return blob.clone();
    }

    /**
     * The type id of the extrinsic's signer address ({@code MultiAddress}).
     *
     * @return the type id in {@link #metadata()}
     */
    public int addressType() {
        return address;
    }

    /**
     * The type id of the extrinsic's signature ({@code MultiSignature}).
     *
     * @return the type id in {@link #metadata()}
     */
    public int signatureType() {
        return signature;
    }

    /**
     * The type id of the runtime's call enum ({@code RuntimeCall}).
     *
     * @return the type id in {@link #metadata()}
     */
    public int runtimeCallType() {
        return runtimeCall;
    }

    /** Builds the description; holds the ids of the types several pallets share. */
    private static final class Description {
        private final RuntimeMetadataWriter w = new RuntimeMetadataWriter();
        private int runtimeCall;
        private int address;
        private int signature;

        RuntimeMetadataWriter describe(long minimumPeriodMillis) {
            int bool = w.primitive(Primitive.BOOL);
            int u8 = w.primitive(Primitive.U8);
            int u16 = w.primitive(Primitive.U16);
            int u32 = w.primitive(Primitive.U32);
            int u64 = w.primitive(Primitive.U64);
            int u128 = w.primitive(Primitive.U128);
            int unit = w.tuple();
            int bytes = w.sequence(u8);
            int bytes4 = w.array(4, u8);
            int bytes8 = w.array(8, u8);
            int bytes20 = w.array(20, u8);
            int bytes32 = w.array(32, u8);
            int bytes64 = w.array(64, u8);
            int bytes65 = w.array(65, u8);
            int compactU32 = w.compact(u32);
            int compactU64 = w.compact(u64);
            int compactU128 = w.compact(u128);
            int optionU64 = w.option(u64);
            int u64s = w.sequence(u64);

            int accountId = w.composite("sp_core::crypto::AccountId32", List.of(),
                    List.of(unnamed(bytes32, "[u8; 32]")));
            int h256 = w.composite("primitive_types::H256", List.of(), List.of(unnamed(bytes32, "[u8; 32]")));
            int boundedBytes = w.composite("bounded_collections::bounded_vec::BoundedVec",
                    List.of(TypeParam.of("T", u8), TypeParam.skipped("S")), List.of(unnamed(bytes, "Vec<T>")));
            int optionBoundedBytes = w.option(boundedBytes);
            int multiAddress = w.variant("sp_runtime::multiaddress::MultiAddress",
                    List.of(TypeParam.of("AccountId", accountId), TypeParam.of("AccountIndex", unit)), List.of(
                            variant("Id", 0, unnamed(accountId, "AccountId")),
                            variant("Index", 1, unnamed(w.compact(unit), "AccountIndex")),
                            variant("Raw", 2, unnamed(bytes, "Vec<u8>")),
                            variant("Address32", 3, unnamed(bytes32, "[u8; 32]")),
                            variant("Address20", 4, unnamed(bytes20, "[u8; 20]"))));
            int multiSignature = w.variant("sp_runtime::MultiSignature", List.of(), List.of(
                    variant("Ed25519", 0, unnamed(w.composite("sp_core::ed25519::Signature", List.of(),
                            List.of(unnamed(bytes64, "[u8; 64]"))), "ed25519::Signature")),
                    variant("Sr25519", 1, unnamed(w.composite("sp_core::sr25519::Signature", List.of(),
                            List.of(unnamed(bytes64, "[u8; 64]"))), "sr25519::Signature")),
                    variant("Ecdsa", 2, unnamed(w.composite("sp_core::ecdsa::Signature", List.of(),
                            List.of(unnamed(bytes65, "[u8; 65]"))), "ecdsa::Signature"))));
            address = multiAddress;
            signature = multiSignature;
            List<RuntimeMetadata.Variant> eras = new ArrayList<>();
            eras.add(variant("Immortal", 0));
            for (int i = 1; i < 256; i++) {
                eras.add(variant("Mortal" + i, i, unnamed(u8, null)));
            }
            int era = w.variant("sp_runtime::generic::era::Era", List.of(), eras);

            runtimeCall = w.reserve();
            int runtimeEvent = w.reserve();
            int dispatchError = dispatchError(u8, bytes4);
            int weight = w.composite("sp_weights::weight_v2::Weight", List.of(), List.of(
                    field("ref_time", compactU64, "u64"), field("proof_size", compactU64, "u64")));
            int dispatchInfo = w.composite("frame_support::dispatch::DispatchInfo", List.of(), List.of(
                    field("weight", weight, "Weight"),
                    field("class", unitEnum("frame_support::dispatch::DispatchClass", List.of(),
                            List.of("Normal", "Operational", "Mandatory")), "DispatchClass"),
                    field("pays_fee", unitEnum("frame_support::dispatch::Pays", List.of(), List.of("Yes", "No")),
                            "Pays")));
            List<TypeParam> t = List.of(TypeParam.skipped("T"));
            List<TypeParam> ti = List.of(TypeParam.skipped("T"), TypeParam.skipped("I"));

            // System
            int accountData = w.composite("pallet_balances::types::AccountData",
                    List.of(TypeParam.of("Balance", u128)),
                    List.of(field("free", u128, "Balance"), field("reserved", u128, "Balance"),
                            field("frozen", u128, "Balance"), field("flags", w.composite(
                                    "pallet_balances::types::ExtraFlags", List.of(), List.of(unnamed(u128, "u128"))),
                                    "ExtraFlags")));
            int accountInfo = w.composite("frame_system::AccountInfo",
                    List.of(TypeParam.of("Nonce", u32), TypeParam.of("AccountData", accountData)),
                    List.of(field("nonce", u32, "Nonce"), field("consumers", u32, "RefCount"),
                            field("providers", u32, "RefCount"), field("sufficients", u32, "RefCount"),
                            field("data", accountData, "AccountData")));
            int phase = w.variant("frame_system::Phase", List.of(), List.of(
                    variant("ApplyExtrinsic", 0, unnamed(u32, "u32")), variant("Finalization", 1),
                    variant("Initialization", 2)));
            int eventRecord = w.composite("frame_system::EventRecord",
                    List.of(TypeParam.of("E", runtimeEvent), TypeParam.of("T", h256)),
                    List.of(field("phase", phase, "Phase"), field("event", runtimeEvent, "E"),
                            field("topics", w.sequence(h256), "Vec<T>")));
            int systemCall = w.variant("frame_system::pallet::Call", t, List.of(
                    variant("remark", 0, field("remark", bytes, "Vec<u8>")),
                    variant("set_heap_pages", 1, field("pages", u64, "u64")),
                    variant("remark_with_event", 7, field("remark", bytes, "Vec<u8>"))));
            int systemEvent = w.variant("frame_system::pallet::Event", t, List.of(
                    variant("ExtrinsicSuccess", 0, field("dispatch_info", dispatchInfo, "DispatchInfo")),
                    variant("ExtrinsicFailed", 1, field("dispatch_error", dispatchError, "DispatchError"),
                            field("dispatch_info", dispatchInfo, "DispatchInfo")),
                    variant("CodeUpdated", 2),
                    variant("NewAccount", 3, field("account", accountId, "T::AccountId")),
                    variant("KilledAccount", 4, field("account", accountId, "T::AccountId")),
                    variant("Remarked", 5, field("sender", accountId, "T::AccountId"),
                            field("hash", h256, "T::Hash"))));
            int systemError = unitEnum("frame_system::pallet::Error", t, List.of("InvalidSpecName",
                    "SpecVersionNeedsToIncrease", "FailedToExtractRuntimeVersion", "NonDefaultComposite",
                    "NonZeroRefCount", "CallFiltered"));
            int blockLength = w.composite("frame_support::dispatch::PerDispatchClass", List.of(TypeParam.of("T", u32)),
                    List.of(field("normal", u32, "T"), field("operational", u32, "T"),
                            field("mandatory", u32, "T")));
            w.pallet("System", SYSTEM).calls(systemCall).events(systemEvent).errors(systemError)
                    .map("Account", List.of(StorageHasher.BLAKE2_128_CONCAT), accountId, accountInfo, false,
                            new byte[4 * 4 + 4 * 16])
                    .value("Number", u32, false, new byte[4])
                    .value("ParentHash", h256, false, new byte[32])
                    .map("BlockHash", List.of(StorageHasher.TWOX_64_CONCAT), u32, h256, false, new byte[32])
                    .value("Events", w.sequence(eventRecord), false, new byte[1])
                    .value("EventCount", u32, false, new byte[4])
                    .constant("BlockHashCount", u32, new ScaleWriter().u32(BLOCK_HASH_COUNT).toByteArray())
                    .constant("BlockLength", w.composite("frame_system::limits::BlockLength", List.of(),
                                    List.of(field("max", blockLength, "PerDispatchClass<u32>"))),
                            new ScaleWriter().u32(5 << 20).u32(5 << 20).u32(5 << 20).toByteArray())
                    .constant("SS58Prefix", u16, new ScaleWriter().u16(SS58_PREFIX).toByteArray());

            // Timestamp
            int timestampCall = w.variant("pallet_timestamp::pallet::Call", t, List.of(
                    variant("set", 0, field("now", compactU64, "T::Moment"))));
            w.pallet("Timestamp", TIMESTAMP).calls(timestampCall)
                    .value("Now", u64, false, new byte[8])
                    .constant("MinimumPeriod", u64, new ScaleWriter().u64(minimumPeriodMillis).toByteArray());

            // Utility
            int calls = w.sequence(runtimeCall);
            int utilityCall = w.variant("pallet_utility::pallet::Call", t, List.of(
                    variant("batch", 0, field("calls", calls, "Vec<<T as Config>::RuntimeCall>")),
                    variant("batch_all", 2, field("calls", calls, "Vec<<T as Config>::RuntimeCall>")),
                    variant("force_batch", 4, field("calls", calls, "Vec<<T as Config>::RuntimeCall>"))));
            int utilityEvent = w.variant("pallet_utility::pallet::Event", List.of(), List.of(
                    variant("BatchInterrupted", 0, field("index", u32, "u32"),
                            field("error", dispatchError, "DispatchError")),
                    variant("BatchCompleted", 1), variant("BatchCompletedWithErrors", 2),
                    variant("ItemCompleted", 3),
                    variant("ItemFailed", 4, field("error", dispatchError, "DispatchError")),
                    variant("DispatchedAs", 5, field("result", w.result(unit, dispatchError), "DispatchResult"))));
            int utilityError = unitEnum("pallet_utility::pallet::Error", t, List.of("TooManyCalls"));
            w.pallet("Utility", UTILITY).calls(utilityCall).events(utilityEvent).errors(utilityError)
                    .constant("batched_calls_limit", u32, new ScaleWriter().u32(10_922).toByteArray());

            // Balances
            int balancesCall = w.variant("pallet_balances::pallet::Call", ti, List.of(
                    variant("transfer_allow_death", 0, field("dest", multiAddress, "AccountIdLookupOf<T>"),
                            field("value", compactU128, "T::Balance")),
                    variant("force_transfer", 2, field("source", multiAddress, "AccountIdLookupOf<T>"),
                            field("dest", multiAddress, "AccountIdLookupOf<T>"),
                            field("value", compactU128, "T::Balance")),
                    variant("transfer_keep_alive", 3, field("dest", multiAddress, "AccountIdLookupOf<T>"),
                            field("value", compactU128, "T::Balance")),
                    variant("transfer_all", 4, field("dest", multiAddress, "AccountIdLookupOf<T>"),
                            field("keep_alive", bool, "bool")),
                    variant("transfer", 7, field("dest", multiAddress, "AccountIdLookupOf<T>"),
                            field("value", compactU128, "T::Balance"))));
            int balancesEvent = w.variant("pallet_balances::pallet::Event", ti, List.of(
                    variant("Endowed", 0, field("account", accountId, "T::AccountId"),
                            field("free_balance", u128, "T::Balance")),
                    variant("DustLost", 1, field("account", accountId, "T::AccountId"),
                            field("amount", u128, "T::Balance")),
                    variant("Transfer", 2, field("from", accountId, "T::AccountId"),
                            field("to", accountId, "T::AccountId"), field("amount", u128, "T::Balance")),
                    variant("BalanceSet", 3, field("who", accountId, "T::AccountId"),
                            field("free", u128, "T::Balance")),
                    whoAmount("Reserved", 4, accountId, u128),
                    whoAmount("Unreserved", 5, accountId, u128),
                    whoAmount("Deposit", 7, accountId, u128),
                    whoAmount("Withdraw", 8, accountId, u128),
                    whoAmount("Burned", 11, accountId, u128),
                    whoAmount("Locked", 17, accountId, u128),
                    whoAmount("Unlocked", 18, accountId, u128)));
            int balancesError = unitEnum("pallet_balances::pallet::Error", ti, BALANCES_ERRORS);
            w.pallet("Balances", BALANCES).calls(balancesCall).events(balancesEvent).errors(balancesError)
                    .value("TotalIssuance", u128, false, new byte[16])
                    .constant("ExistentialDeposit", u128, new ScaleWriter().u128(EXISTENTIAL_DEPOSIT).toByteArray());

            // TransactionPayment
            int paymentEvent = w.variant("pallet_transaction_payment::pallet::Event", t, List.of(
                    variant("TransactionFeePaid", 0, field("who", accountId, "T::AccountId"),
                            field("actual_fee", u128, "BalanceOf<T>"), field("tip", u128, "BalanceOf<T>"))));
            w.pallet("TransactionPayment", TRANSACTION_PAYMENT).events(paymentEvent)
                    .constant("OperationalFeeMultiplier", u8, new byte[] {5});

            int smartContractCall = describeGrid(bool, u8, u32, u64, u128, bytes, bytes32, bytes8, optionU64, u64s,
                    accountId, boundedBytes, optionBoundedBytes, runtimeEvent, runtimeCall, systemCall, systemEvent,
                    timestampCall, utilityCall, utilityEvent, balancesCall, balancesEvent, paymentEvent, t);

            List<RuntimeMetadata.SignedExtension> extensions = List.of(
                    extension("CheckNonZeroSender", "check_non_zero_sender", List.of(), unit),
                    extension("CheckSpecVersion", "check_spec_version", List.of(), u32),
                    extension("CheckTxVersion", "check_tx_version", List.of(), u32),
                    extension("CheckGenesis", "check_genesis", List.of(), h256),
                    extension("CheckMortality", "check_mortality", List.of(unnamed(era, "Era")), h256),
                    extension("CheckNonce", "check_nonce", List.of(unnamed(compactU32, "T::Nonce")), unit),
                    extension("CheckWeight", "check_weight", List.of(), unit),
                    new RuntimeMetadata.SignedExtension("ChargeTransactionPayment",
                            w.composite("pallet_transaction_payment::ChargeTransactionPayment", t,
                                    List.of(unnamed(compactU128, "BalanceOf<T>"))), unit));
            int extra = w.tuple(extensions.stream().mapToInt(RuntimeMetadata.SignedExtension::type).toArray());
            int uncheckedExtrinsic = w.composite("sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic",
                    List.of(TypeParam.of("Address", multiAddress), TypeParam.of("Call", runtimeCall),
                            TypeParam.of("Signature", multiSignature), TypeParam.of("Extra", extra)),
                    List.of(unnamed(bytes, null)));
            w.extrinsic(uncheckedExtrinsic, 4, extensions);
            w.runtimeType(w.composite("tfchain_runtime::Runtime", List.of(), List.of()));
            return w;
        }

        @SuppressWarnings("checkstyle:ParameterNumber")
        private int describeGrid(int bool, int u8, int u32, int u64, int u128, int bytes, int bytes32, int bytes8,
                int optionU64, int u64s, int accountId, int boundedBytes, int optionBoundedBytes, int runtimeEvent,
                int runtimeCall, int systemCall, int systemEvent, int timestampCall, int utilityCall,
                int utilityEvent, int balancesCall, int balancesEvent, int paymentEvent, List<TypeParam> t) {
            List<StorageHasher> blake = List.of(StorageHasher.BLAKE2_128_CONCAT);

            // TfgridModule types (tfchain_support::types and pallet_tfgrid::types)
            int publicIp = w.composite("tfchain_support::types::PublicIP", List.of(), List.of(
                    field("ip", boundedBytes, "BoundedVec<u8, ConstU32<MAX_IP4_LENGTH>>"),
                    field("gateway", boundedBytes, "BoundedVec<u8, ConstU32<MAX_GW4_LENGTH>>"),
                    field("contract_id", u64, "u64")));
            int publicIps = w.sequence(publicIp);
            int farmCertification = unitEnum("tfchain_support::types::FarmCertification", List.of(),
                    List.of("NotCertified", "Gold"));
            int farmingPolicyLimit = w.composite("tfchain_support::types::FarmingPolicyLimit", List.of(), List.of(
                    field("farming_policy_id", u32, "u32"), field("cu", optionU64, "Option<u64>"),
                    field("su", optionU64, "Option<u64>"), field("end", optionU64, "Option<u64>"),
                    field("node_count", w.option(u32), "Option<u32>"), field("node_certification", bool, "bool")));
            int farmName = w.composite("pallet_tfgrid::farm::FarmName", t,
                    List.of(unnamed(boundedBytes, "BoundedVec<u8, T::MaxFarmNameLength>")));
            int farm = w.composite("tfchain_support::types::Farm", List.of(TypeParam.of("Name", farmName)), List.of(
                    field("version", u32, "u32"), field("id", u32, "u32"), field("name", farmName, "Name"),
                    field("twin_id", u32, "u32"), field("pricing_policy_id", u32, "u32"),
                    field("certification", farmCertification, "FarmCertification"),
                    field("public_ips", publicIps, "BoundedVec<PublicIP, ConstU32<256>>"),
                    field("dedicated_farm", bool, "bool"),
                    field("farming_policy_limits", w.option(farmingPolicyLimit), "Option<FarmingPolicyLimit>")));
            int resources = w.composite("tfchain_support::resources::Resources", List.of(), List.of(
                    field("hru", u64, "u64"), field("sru", u64, "u64"), field("cru", u64, "u64"),
                    field("mru", u64, "u64")));
            int cityName = w.composite("pallet_tfgrid::node::CityName", t,
                    List.of(unnamed(boundedBytes, "BoundedVec<u8, ConstU32<MAX_CITY_NAME_LENGTH>>")));
            int countryName = w.composite("pallet_tfgrid::node::CountryName", t,
                    List.of(unnamed(boundedBytes, "BoundedVec<u8, ConstU32<MAX_COUNTRY_NAME_LENGTH>>")));
            int location = w.composite("pallet_tfgrid::node::Location", t, List.of(
                    field("city", cityName, "CityName<T>"), field("country", countryName, "CountryName<T>"),
                    field("latitude", boundedBytes, "BoundedVec<u8, ConstU32<MAX_LATITUDE_LENGTH>>"),
                    field("longitude", boundedBytes, "BoundedVec<u8, ConstU32<MAX_LONGITUDE_LENGTH>>")));
            int ip4 = w.composite("tfchain_support::types::IP4", List.of(), List.of(
                    field("ip", boundedBytes, "BoundedVec<u8, ConstU32<MAX_IP4_LENGTH>>"),
                    field("gw", boundedBytes, "BoundedVec<u8, ConstU32<MAX_GW4_LENGTH>>")));
            int ip6 = w.composite("tfchain_support::types::IP6", List.of(), List.of(
                    field("ip", boundedBytes, "BoundedVec<u8, ConstU32<MAX_IP6_LENGTH>>"),
                    field("gw", boundedBytes, "BoundedVec<u8, ConstU32<MAX_GW6_LENGTH>>")));
            int publicConfig = w.composite("tfchain_support::types::PublicConfig", List.of(), List.of(
                    field("ip4", ip4, "IP4"), field("ip6", w.option(ip6), "Option<IP6>"),
                    field("domain", optionBoundedBytes,
                            "Option<BoundedVec<u8, ConstU32<MAX_DOMAIN_NAME_LENGTH>>>")));
            int interfaceName = w.composite("pallet_tfgrid::interface::InterfaceName", t,
                    List.of(unnamed(boundedBytes, "BoundedVec<u8, ConstU32<MAX_INTF_NAME_LENGTH>>")));
            int interfaceMac = w.composite("pallet_tfgrid::interface::InterfaceMac", t,
                    List.of(unnamed(boundedBytes, "BoundedVec<u8, ConstU32<MAX_INTF_MAC_LENGTH>>")));
            int interfaceIp = w.composite("pallet_tfgrid::interface::InterfaceIp", t,
                    List.of(unnamed(boundedBytes, "BoundedVec<u8, ConstU32<MAX_INTF_IP_LENGTH>>")));
            int iface = w.composite("tfchain_support::types::Interface", List.of(TypeParam.of("Name", interfaceName),
                    TypeParam.of("Mac", interfaceMac), TypeParam.of("Ips", w.sequence(interfaceIp))), List.of(
                    field("name", interfaceName, "Name"), field("mac", interfaceMac, "Mac"),
                    field("ips", w.sequence(interfaceIp), "Ips")));
            int nodeCertification = unitEnum("tfchain_support::types::NodeCertification", List.of(),
                    List.of("Diy", "Certified"));
            int serialNumber = w.composite("pallet_tfgrid::node::SerialNumber", t,
                    List.of(unnamed(boundedBytes, "BoundedVec<u8, ConstU32<MAX_SERIAL_NUMBER_LENGTH>>")));
            int node = w.composite("tfchain_support::types::Node", List.of(TypeParam.of("Location", location),
                    TypeParam.of("If", iface), TypeParam.of("SerialNumber", serialNumber)), List.of(
                    field("version", u32, "u32"), field("id", u32, "u32"), field("farm_id", u32, "u32"),
                    field("twin_id", u32, "u32"), field("resources", resources, "Resources"),
                    field("location", location, "Location"),
                    field("public_config", w.option(publicConfig), "Option<PublicConfig>"),
                    field("created", u64, "u64"), field("farming_policy_id", u32, "u32"),
                    field("interfaces", w.sequence(iface), "Vec<If>"),
                    field("certification", nodeCertification, "NodeCertification"),
                    field("secure_boot", bool, "bool"), field("virtualized", bool, "bool"),
                    field("serial_number", w.option(serialNumber), "Option<SerialNumber>"),
                    field("connection_price", u32, "u32")));
            int entityProof = w.composite("pallet_tfgrid::types::EntityProof", List.of(), List.of(
                    field("entity_id", u32, "u32"), field("signature", bytes, "Vec<u8>")));
            int twin = w.composite("pallet_tfgrid::types::Twin", List.of(TypeParam.of("AccountId", accountId)),
                    List.of(field("id", u32, "u32"), field("account_id", accountId, "AccountId"),
                            field("relay", optionBoundedBytes, "Option<BoundedVec<u8, ConstU32<MAX_RELAY_LENGTH>>>"),
                            field("entities", w.sequence(entityProof), "Vec<EntityProof>"),
                            field("pk", optionBoundedBytes, "Option<BoundedVec<u8, ConstU32<MAX_PK_LENGTH>>>")));
            int termsAndConditions = w.composite("pallet_tfgrid::terms_cond::TermsAndConditions", t, List.of(
                    field("account_id", accountId, "T::AccountId"), field("timestamp", u64, "u64"),
                    field("document_link", boundedBytes, "BoundedVec<u8, ConstU32<MAX_DOCUMENT_LINK_LENGTH>>"),
                    field("document_hash", boundedBytes, "BoundedVec<u8, ConstU32<MAX_DOCUMENT_HASH_LENGTH>>")));
            int unitType = unitEnum("pallet_tfgrid::types::Unit", List.of(),
                    List.of("Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terrabytes"));
            int policy = w.composite("pallet_tfgrid::types::Policy", List.of(), List.of(
                    field("value", u32, "u32"), field("unit", unitType, "Unit")));
            int pricingPolicy = w.composite("pallet_tfgrid::types::PricingPolicy",
                    List.of(TypeParam.of("AccountId", accountId)), List.of(
                            field("version", u32, "u32"), field("id", u32, "u32"), field("name", bytes, "Vec<u8>"),
                            field("su", policy, "Policy"), field("cu", policy, "Policy"),
                            field("nu", policy, "Policy"), field("ipu", policy, "Policy"),
                            field("unique_name", policy, "Policy"), field("domain_name", policy, "Policy"),
                            field("foundation_account", accountId, "AccountId"),
                            field("certified_sales_account", accountId, "AccountId"),
                            field("discount_for_dedication_nodes", u8, "u8")));
            int tfgridCall = w.variant("pallet_tfgrid::pallet::Call", t, List.of(
                    variant("create_twin", 17, field("relay", optionBoundedBytes, "RelayInput"),
                            field("pk", optionBoundedBytes, "PkInput")),
                    variant("update_twin", 18, field("relay", optionBoundedBytes, "RelayInput"),
                            field("pk", optionBoundedBytes, "PkInput")),
                    variant("user_accept_tc", 25, field("document_link", boundedBytes, "DocumentLinkInput"),
                            field("document_hash", boundedBytes, "DocumentHashInput")),
                    variant("delete_node_farm", 26, field("node_id", u32, "u32")),
                    variant("bond_twin_account", 37, field("twin_id", u32, "u32")),
                    variant("report_uptime_v2", 38, field("uptime", u64, "u64"),
                            field("timestamp_hint", u64, "u64"))));
            int tfgridEvent = w.variant("pallet_tfgrid::pallet::Event", t, List.of(
                    variant("FarmStored", 0, unnamed(farm, "FarmInfoOf<T>")),
                    variant("FarmUpdated", 1, unnamed(farm, "FarmInfoOf<T>")),
                    variant("FarmDeleted", 2, unnamed(u32, "u32")),
                    variant("NodeStored", 3, unnamed(node, "TfgridNode<T>")),
                    variant("NodeUpdated", 4, unnamed(node, "TfgridNode<T>")),
                    variant("NodeDeleted", 5, unnamed(u32, "u32")),
                    variant("NodeUptimeReported", 6, unnamed(u32, "u32"), unnamed(u64, "u64"),
                            unnamed(u64, "u64")),
                    variant("NodePublicConfigStored", 7, unnamed(u32, "u32"),
                            unnamed(w.option(publicConfig), "Option<pallet::PublicConfig>")),
                    variant("TwinStored", 11, unnamed(twin, "types::Twin<T::AccountId>")),
                    variant("TwinUpdated", 12, unnamed(twin, "types::Twin<T::AccountId>")),
                    variant("TwinEntityStored", 13, unnamed(u32, "u32"), unnamed(u32, "u32"),
                            unnamed(bytes, "Vec<u8>")),
                    variant("TwinEntityRemoved", 14, unnamed(u32, "u32"), unnamed(u32, "u32")),
                    variant("TwinDeleted", 15, unnamed(u32, "u32")),
                    variant("TwinAccountBounded", 16, unnamed(u32, "u32"), unnamed(accountId, "T::AccountId")),
                    variant("PricingPolicyStored", 17, unnamed(pricingPolicy, "types::PricingPolicy<T::AccountId>")),
                    variant("ConnectionPriceSet", 21, unnamed(u32, "u32")),
                    variant("ZosVersionUpdated", 28, unnamed(bytes, "Vec<u8>"))));
            int tfgridError = unitEnum("pallet_tfgrid::pallet::Error", t, TFGRID_ERRORS);
            w.pallet("TfgridModule", TFGRID).calls(tfgridCall).events(tfgridEvent).errors(tfgridError)
                    .map("Farms", blake, u32, farm, true, new byte[1])
                    .map("NodesByFarmID", blake, u32, w.sequence(u32), false, new byte[1])
                    .map("FarmIdByName", blake, bytes, u32, false, new byte[4])
                    .map("Nodes", blake, u32, node, true, new byte[1])
                    .map("NodeIdByTwinID", blake, u32, u32, false, new byte[4])
                    .map("Twins", blake, u32, twin, true, new byte[1])
                    .map("TwinIdByAccountID", blake, accountId, u32, true, new byte[1])
                    .map("PricingPolicies", blake, u32, pricingPolicy, true, new byte[1])
                    .map("PricingPolicyIdByName", blake, bytes, u32, false, new byte[4])
                    .map("UsersTermsAndConditions", blake, accountId, w.sequence(termsAndConditions), true,
                            new byte[1])
                    .value("ConnectionPrice", u32, false, new byte[4])
                    .value("FarmID", u32, false, new byte[4])
                    .value("NodeID", u32, false, new byte[4])
                    .value("TwinID", u32, false, new byte[4])
                    .value("PricingPolicyID", u32, false, new byte[4])
                    .value("ZosVersion", bytes, false, new byte[1]);

            // SmartContractModule types
            int cause = unitEnum("pallet_smart_contract::types::Cause", List.of(),
                    List.of("CanceledByUser", "OutOfFunds", "CanceledByCollective"));
            int contractState = w.variant("pallet_smart_contract::types::ContractState", List.of(), List.of(
                    variant("Created", 0), variant("Deleted", 1, unnamed(cause, "Cause")),
                    variant("GracePeriod", 2, unnamed(u64, "BlockNumber"))));
            int nodeContract = w.composite("pallet_smart_contract::types::NodeContract", t, List.of(
                    field("node_id", u32, "u32"), field("deployment_hash", bytes32, "HexHash"),
                    field("deployment_data", boundedBytes, "BoundedVec<u8, MaxDeploymentDataLength<T>>"),
                    field("public_ips", u32, "u32"),
                    field("public_ips_list", publicIps, "BoundedVec<PublicIP, MaxNodeContractPublicIPs<T>>")));
            int nameContractName = w.composite("pallet_smart_contract::name_contract::NameContractName", t,
                    List.of(unnamed(boundedBytes, "BoundedVec<u8, T::MaxNameContractNameLength>")));
            int nameContract = w.composite("pallet_smart_contract::types::NameContract", t,
                    List.of(field("name", nameContractName, "T::NameContractName")));
            int rentContract = w.composite("pallet_smart_contract::types::RentContract", List.of(),
                    List.of(field("node_id", u32, "u32")));
            int contractData = w.variant("pallet_smart_contract::types::ContractData", t, List.of(
                    variant("NodeContract", 0, unnamed(nodeContract, "NodeContract<T>")),
                    variant("NameContract", 1, unnamed(nameContract, "NameContract<T>")),
                    variant("RentContract", 2, unnamed(rentContract, "RentContract"))));
            int contract = w.composite("pallet_smart_contract::types::Contract", t, List.of(
                    field("version", u32, "u32"), field("state", contractState, "ContractState"),
                    field("contract_id", u64, "u64"), field("twin_id", u32, "u32"),
                    field("contract_type", contractData, "ContractData<T>"),
                    field("solution_provider_id", optionU64, "Option<u64>")));
            int billingInfo = w.composite("pallet_smart_contract::types::ContractBillingInformation", List.of(),
                    List.of(field("previous_nu_reported", u64, "u64"), field("last_updated", u64, "u64"),
                            field("amount_unbilled", u64, "u64")));
            int contractResources = w.composite("pallet_smart_contract::types::ContractResources", List.of(),
                    List.of(field("contract_id", u64, "u64"), field("used", resources, "Resources")));
            int contractLock = w.composite("pallet_smart_contract::types::ContractLock",
                    List.of(TypeParam.of("BalanceOf", u128)), List.of(
                            field("amount_locked", u128, "BalanceOf"),
                            field("extra_amount_locked", u128, "BalanceOf"),
                            field("lock_updated", u64, "u64"), field("cycles", w.primitive(Primitive.U16), "u16")));
            int discountLevel = unitEnum("pallet_smart_contract::types::DiscountLevel", List.of(),
                    List.of("None", "Default", "Bronze", "Silver", "Gold"));
            int contractBill = w.composite("pallet_smart_contract::types::ContractBill", List.of(), List.of(
                    field("contract_id", u64, "u64"), field("timestamp", u64, "u64"),
                    field("discount_level", discountLevel, "DiscountLevel"),
                    field("amount_billed", u128, "u128")));
            int smartContractCall = w.variant("pallet_smart_contract::pallet::Call", t, List.of(
                    variant("create_node_contract", 0, field("node_id", u32, "u32"),
                            field("deployment_hash", bytes32, "HexHash"),
                            field("deployment_data", boundedBytes, "DeploymentDataInput<T>"),
                            field("public_ips", u32, "u32"),
                            field("solution_provider_id", optionU64, "Option<u64>")),
                    variant("update_node_contract", 1, field("contract_id", u64, "u64"),
                            field("deployment_hash", bytes32, "HexHash"),
                            field("deployment_data", boundedBytes, "DeploymentDataInput<T>")),
                    variant("cancel_contract", 2, field("contract_id", u64, "u64")),
                    variant("create_name_contract", 4, field("name", bytes, "Vec<u8>")),
                    variant("report_contract_resources", 6, field("contract_resources",
                            w.sequence(contractResources), "Vec<types::ContractResources>")),
                    variant("create_rent_contract", 7, field("node_id", u32, "u32"),
                            field("solution_provider_id", optionU64, "Option<u64>"))));
            int smartContractEvent = w.variant("pallet_smart_contract::pallet::Event", t, List.of(
                    variant("ContractCreated", 0, unnamed(contract, "types::Contract<T>")),
                    variant("ContractUpdated", 1, unnamed(contract, "types::Contract<T>")),
                    variant("NodeContractCanceled", 2, field("contract_id", u64, "u64"),
                            field("node_id", u32, "u32"), field("twin_id", u32, "u32")),
                    variant("NameContractCanceled", 3, field("contract_id", u64, "u64")),
                    variant("IPsReserved", 4, field("contract_id", u64, "u64"),
                            field("public_ips", publicIps, "BoundedVec<PublicIP, MaxNodeContractPublicIPs<T>>")),
                    variant("IPsFreed", 5, field("contract_id", u64, "u64"),
                            field("public_ips", publicIps, "BoundedVec<PublicIP, MaxNodeContractPublicIPs<T>>")),
                    variant("ContractBilled", 8, unnamed(contractBill, "types::ContractBill")),
                    variant("TokensBurned", 9, field("contract_id", u64, "u64"),
                            field("amount", u128, "BalanceOf<T>")),
                    variant("UpdatedUsedResources", 10, unnamed(contractResources, "types::ContractResources")),
                    variant("RentContractCanceled", 12, field("contract_id", u64, "u64")),
                    variant("ContractGracePeriodStarted", 13, field("contract_id", u64, "u64"),
                            field("node_id", u32, "u32"), field("twin_id", u32, "u32"),
                            field("block_number", u64, "u64")),
                    variant("ContractGracePeriodEnded", 14, field("contract_id", u64, "u64"),
                            field("node_id", u32, "u32"), field("twin_id", u32, "u32"))));
            int smartContractError = unitEnum("pallet_smart_contract::pallet::Error", t, SMART_CONTRACT_ERRORS);
            w.pallet("SmartContractModule", SMART_CONTRACT).calls(smartContractCall).events(smartContractEvent)
                    .errors(smartContractError)
                    .map("Contracts", blake, u64, contract, true, new byte[1])
                    .map("ContractBillingInformationByID", blake, u64, billingInfo, false, new byte[24])
                    .map("NodeContractResources", blake, u64, contractResources, false, new byte[40])
                    .map("ContractIDByNodeIDAndHash", List.of(StorageHasher.BLAKE2_128_CONCAT,
                            StorageHasher.BLAKE2_128_CONCAT), w.tuple(u32, bytes32), u64, false, new byte[8])
                    .map("ActiveNodeContracts", blake, u32, u64s, false, new byte[1])
                    .map("ContractsToBillAt", blake, u64, u64s, false, new byte[1])
                    .map("ContractLock", blake, u64, contractLock, false, new byte[16 + 16 + 8 + 2])
                    .map("ContractIDByNameRegistration", blake, nameContractName, u64, false, new byte[8])
                    .map("ActiveRentContractForNode", blake, u32, u64, true, new byte[1])
                    .value("ContractID", u64, false, new byte[8])
                    .value("BillingFrequency", u64, false, new byte[8])
                    .constant("MaxNameContractNameLength", u32,
                            new ScaleWriter().u32(MAX_NAME_CONTRACT_NAME_LENGTH).toByteArray())
                    .constant("MaxDeploymentDataLength", u32,
                            new ScaleWriter().u32(MAX_DEPLOYMENT_DATA_LENGTH).toByteArray())
                    .constant("MaxNodeContractPublicIps", u32,
                            new ScaleWriter().u32(MAX_NODE_CONTRACT_PUBLIC_IPS).toByteArray());

            String hidden = "self::sp_api_hidden_includes_construct_runtime::hidden_include::dispatch::";
            w.defineVariant(runtimeCall, "tfchain_runtime::RuntimeCall", List.of(), List.of(
                    variant("System", SYSTEM, unnamed(systemCall, hidden + "CallableCallFor<System, Runtime>")),
                    variant("Timestamp", TIMESTAMP, unnamed(timestampCall,
                            hidden + "CallableCallFor<Timestamp, Runtime>")),
                    variant("Utility", UTILITY, unnamed(utilityCall, hidden + "CallableCallFor<Utility, Runtime>")),
                    variant("Balances", BALANCES, unnamed(balancesCall,
                            hidden + "CallableCallFor<Balances, Runtime>")),
                    variant("TfgridModule", TFGRID, unnamed(tfgridCall,
                            hidden + "CallableCallFor<TfgridModule, Runtime>")),
                    variant("SmartContractModule", SMART_CONTRACT, unnamed(smartContractCall,
                            hidden + "CallableCallFor<SmartContractModule, Runtime>"))));
            w.defineVariant(runtimeEvent, "tfchain_runtime::RuntimeEvent", List.of(), List.of(
                    variant("System", SYSTEM, unnamed(systemEvent, "frame_system::Event<Runtime>")),
                    variant("Utility", UTILITY, unnamed(utilityEvent, "pallet_utility::Event")),
                    variant("Balances", BALANCES, unnamed(balancesEvent, "pallet_balances::Event<Runtime>")),
                    variant("TransactionPayment", TRANSACTION_PAYMENT, unnamed(paymentEvent,
                            "pallet_transaction_payment::Event<Runtime>")),
                    variant("TfgridModule", TFGRID, unnamed(tfgridEvent, "pallet_tfgrid::Event<Runtime>")),
                    variant("SmartContractModule", SMART_CONTRACT, unnamed(smartContractEvent,
                            "pallet_smart_contract::Event<Runtime>"))));
            return smartContractCall;
        }

        /** A Balances event about an account and an amount ({@code who}, {@code amount}). */
        private static RuntimeMetadata.Variant whoAmount(String name, int index, int accountId, int u128) {
            return variant(name, index, field("who", accountId, "T::AccountId"), field("amount", u128, "T::Balance"));
        }

        private RuntimeMetadata.SignedExtension extension(String name, String module,
                List<RuntimeMetadata.Field> fields, int additionalSigned) {
            int type = w.composite("frame_system::extensions::" + module + "::" + name,
                    List.of(TypeParam.skipped("T")), fields);
            return new RuntimeMetadata.SignedExtension(name, type, additionalSigned);
        }

        private int unitEnum(String path, List<TypeParam> params, List<String> names) {
            List<RuntimeMetadata.Variant> variants = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                variants.add(variant(names.get(i), i));
            }
            return w.variant(path, params, variants);
        }

        private int dispatchError(int u8, int bytes4) {
            int moduleError = w.composite("sp_runtime::ModuleError", List.of(), List.of(
                    field("index", u8, "u8"), field("error", bytes4, "[u8; MAX_MODULE_ERROR_ENCODED_SIZE]")));
            int tokenError = unitEnum("sp_runtime::TokenError", List.of(), List.of("FundsUnavailable",
                    "OnlyProvider", "BelowMinimum", "CannotCreate", "UnknownAsset", "Frozen", "Unsupported",
                    "CannotCreateHold", "NotExpendable", "Blocked"));
            int arithmeticError = unitEnum("sp_arithmetic::ArithmeticError", List.of(),
                    List.of("Underflow", "Overflow", "DivisionByZero"));
            int transactionalError = unitEnum("sp_runtime::TransactionalError", List.of(),
                    List.of("LimitReached", "NoLayer"));
            return w.variant("sp_runtime::DispatchError", List.of(), List.of(
                    variant("Other", 0), variant("CannotLookup", 1), variant("BadOrigin", 2),
                    variant("Module", 3, unnamed(moduleError, "ModuleError")), variant("ConsumerRemaining", 4),
                    variant("NoProviders", 5), variant("TooManyConsumers", 6),
                    variant("Token", 7, unnamed(tokenError, "TokenError")),
                    variant("Arithmetic", 8, unnamed(arithmeticError, "ArithmeticError")),
                    variant("Transactional", 9, unnamed(transactionalError, "TransactionalError")),
                    variant("Exhausted", 10), variant("Corruption", 11), variant("Unavailable", 12)));
        }
    }
}
