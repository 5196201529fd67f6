package io.threebot.deployer.tfgrid.chain;

import static io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.field;
import static io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.unnamed;
import static io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.variant;

import io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.Primitive;
import io.threebot.deployer.tfgrid.chain.RuntimeMetadataWriter.TypeParam;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A tfchain-like runtime for the tests, described with {@link RuntimeMetadataWriter}: the pallets a 3Bot deployer
 * talks to, at the indices tfchain's {@code construct_runtime!} gives them (System 0, Utility 3, Balances 20,
 * TfgridModule 25, SmartContractModule 26), with the calls it makes as the pallets declare them (call indices,
 * argument names, types and Rust type names: {@code TfgridModule.user_accept_tc(document_link, document_hash)} with
 * two {@code BoundedVec<u8, _>}, {@code create_twin} and {@code update_twin(relay, pk)} with two
 * {@code Option<BoundedVec<u8, _>>}, {@code Balances.transfer} and {@code transfer_keep_alive(dest:
 * MultiAddress<AccountId32, ()>, value: Compact<u128>)}, {@code Utility.batch_all(calls: Vec<RuntimeCall>)}), the
 * storage maps it reads (twins, nodes, farms, contracts, with their hashers and key types), some of their events
 * and errors at their indices, and tfchain's extrinsic format: version 4, {@code MultiAddress},
 * {@code MultiSignature} and the signed extensions CheckNonZeroSender, CheckSpecVersion, CheckTxVersion,
 * CheckGenesis, CheckMortality, CheckNonce, CheckWeight and ChargeTransactionPayment.
 *
 * <p>It is a description written for the tests, not tfchain's metadata: pallets, calls, events and errors the tests
 * do not use are left out, and the value types of node and farm entries are trimmed to a few fields. Contracts
 * have tfchain's shape ({@code Contract} with its {@code ContractState} and {@code ContractData}: node, name and
 * rent contracts), and so do twins and accounts, since the client decodes them into records.
 * The polkadot-js oracle reads it too and must agree with {@link RuntimeMetadata} on every name and index.
 */
public final class TfchainLikeRuntime {
    public static final int SYSTEM = 0;
    public static final int UTILITY = 3;
    public static final int BALANCES = 20;
    public static final int TFGRID = 25;
    public static final int SMART_CONTRACT = 26;

    /** TfgridModule's errors, in their order (index = position). */
    static final List<String> TFGRID_ERRORS = List.of("NoneValue", "StorageOverflow", "CannotCreateNode",
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
            "InvalidRelay");

    /** SmartContractModule's first errors, in their order. */
    static final List<String> SMART_CONTRACT_ERRORS = List.of("TwinNotExists", "NodeNotExists", "FarmNotExists",
            "FarmHasNotEnoughPublicIPs", "FarmHasNotEnoughPublicIPsFree", "FailedToReserveIP", "FailedToFreeIPs",
            "ContractNotExists", "TwinNotAuthorizedToUpdateContract", "TwinNotAuthorizedToCancelContract",
            "NodeNotAuthorizedToDeployContract", "NodeNotAuthorizedToComputeReport", "PricingPolicyNotExists",
            "ContractIsNotUnique", "NameExists", "NameNotValid");

    private static byte[] blob;

    private TfchainLikeRuntime() {
    }

    /** The runtime's metadata blob, as {@code state_getMetadata} would return it; a copy. */
    public static synchronized byte[] metadataBlob() {
        if (blob == null) {
            blob = describe().encode();
        }
        return blob.clone();
    }

    /** The runtime's metadata, read back. */
    public static RuntimeMetadata metadata() {
        return RuntimeMetadata.parse(metadataBlob());
    }

    /** The description, for tests that add to it. */
    public static RuntimeMetadataWriter describe() {
        RuntimeMetadataWriter w = new RuntimeMetadataWriter();
        int bool = w.primitive(Primitive.BOOL);
        int u8 = w.primitive(Primitive.U8);
        int u16 = w.primitive(Primitive.U16);
        int u32 = w.primitive(Primitive.U32);
        int u64 = w.primitive(Primitive.U64);
        int u128 = w.primitive(Primitive.U128);
        int unit = w.tuple();
        int bytes = w.sequence(u8);
        int bytes4 = w.array(4, u8);
        int bytes20 = w.array(20, u8);
        int bytes32 = w.array(32, u8);
        int bytes64 = w.array(64, u8);
        int bytes65 = w.array(65, u8);
        int compactU32 = w.compact(u32);
        int compactU64 = w.compact(u64);
        int compactU128 = w.compact(u128);
        int optionU64 = w.option(u64);

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
        List<RuntimeMetadata.Variant> eras = new ArrayList<>();
        eras.add(variant("Immortal", 0));
        for (int i = 1; i < 256; i++) {
            eras.add(variant("Mortal" + i, i, unnamed(u8, null)));
        }
        int era = w.variant("sp_runtime::generic::era::Era", List.of(), eras);

        // the outer call and event enums refer to the pallets' enums, and Utility's calls to the call enum
        int runtimeCall = w.reserve();
        int runtimeEvent = w.reserve();
        int dispatchError = dispatchError(w, u8, bytes4);
        int dispatchInfo = w.composite("frame_support::dispatch::DispatchInfo", List.of(), List.of(
                field("weight", w.composite("sp_weights::weight_v2::Weight", List.of(), List.of(
                        field("ref_time", compactU64, "u64"), field("proof_size", compactU64, "u64"))), "Weight"),
                field("class", unitEnum(w, "frame_support::dispatch::DispatchClass", "Normal", "Operational",
                        "Mandatory"), "DispatchClass"),
                field("pays_fee", unitEnum(w, "frame_support::dispatch::Pays", "Yes", "No"), "Pays")));
        List<TypeParam> t = List.of(TypeParam.skipped("T"));
        List<TypeParam> ti = List.of(TypeParam.skipped("T"), TypeParam.skipped("I"));

        // System
        int accountData = w.composite("pallet_balances::types::AccountData", List.of(TypeParam.of("Balance", u128)),
                List.of(field("free", u128, "Balance"), field("reserved", u128, "Balance"),
                        field("frozen", u128, "Balance"), field("flags", w.composite(
                                "pallet_balances::types::ExtraFlags", List.of(), List.of(unnamed(u128, "u128"))),
                                "ExtraFlags")));
        int accountInfo = w.composite("frame_system::AccountInfo",
                List.of(TypeParam.of("Index", u32), TypeParam.of("AccountData", accountData)),
                List.of(field("nonce", u32, "Index"), field("consumers", u32, "RefCount"),
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
                variant("Remarked", 5, field("sender", accountId, "T::AccountId"), field("hash", h256, "T::Hash"))));
        int systemError = unitEnum(w, "frame_system::pallet::Error", t, List.of("InvalidSpecName",
                "SpecVersionNeedsToIncrease", "FailedToExtractRuntimeVersion", "NonDefaultComposite",
                "NonZeroRefCount", "CallFiltered"));
        w.pallet("System", SYSTEM).calls(systemCall).events(systemEvent).errors(systemError)
                .map("Account", List.of(StorageHasher.BLAKE2_128_CONCAT), accountId, accountInfo, false,
                        new byte[4 * 4 + 4 * 16])
                .value("Number", u32, false, new byte[4])
                .map("BlockHash", List.of(StorageHasher.TWOX_64_CONCAT), u32, h256, false, new byte[32])
                .value("Events", w.sequence(eventRecord), false, new byte[1])
                .value("EventCount", u32, false, new byte[4])
                .constant("BlockHashCount", u32, new ScaleWriter().u32(2400).toByteArray())
                .constant("SS58Prefix", u16, new ScaleWriter().u16(42).toByteArray());

        // Utility
        int calls = w.sequence(runtimeCall);
        int utilityCall = w.variant("pallet_utility::pallet::Call", t, List.of(
                variant("batch", 0, field("calls", calls, "Vec<<T as Config>::RuntimeCall>")),
                variant("batch_all", 2, field("calls", calls, "Vec<<T as Config>::RuntimeCall>")),
                variant("force_batch", 4, field("calls", calls, "Vec<<T as Config>::RuntimeCall>"))));
        int utilityEvent = w.variant("pallet_utility::pallet::Event", List.of(), List.of(
                variant("BatchInterrupted", 0, field("index", u32, "u32"),
                        field("error", dispatchError, "DispatchError")),
                variant("BatchCompleted", 1), variant("BatchCompletedWithErrors", 2), variant("ItemCompleted", 3),
                variant("ItemFailed", 4, field("error", dispatchError, "DispatchError")),
                variant("DispatchedAs", 5, field("result", w.result(unit, dispatchError), "DispatchResult"))));
        int utilityError = unitEnum(w, "pallet_utility::pallet::Error", t, List.of("TooManyCalls"));
        w.pallet("Utility", UTILITY).calls(utilityCall).events(utilityEvent).errors(utilityError);

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
                variant("Transfer", 2, field("from", accountId, "T::AccountId"), field("to", accountId, "T::AccountId"),
                        field("amount", u128, "T::Balance")),
                variant("BalanceSet", 3, field("who", accountId, "T::AccountId"), field("free", u128, "T::Balance")),
                variant("Reserved", 4, field("who", accountId, "T::AccountId"), field("amount", u128, "T::Balance")),
                variant("Unreserved", 5, field("who", accountId, "T::AccountId"), field("amount", u128, "T::Balance")),
                variant("Deposit", 7, field("who", accountId, "T::AccountId"), field("amount", u128, "T::Balance")),
                variant("Withdraw", 8, field("who", accountId, "T::AccountId"), field("amount", u128, "T::Balance"))));
        int balancesError = unitEnum(w, "pallet_balances::pallet::Error", ti, List.of("VestingBalance",
                "LiquidityRestrictions", "InsufficientBalance", "ExistentialDeposit", "Expendability",
                "ExistingVestingSchedule", "DeadAccount", "TooManyReserves", "TooManyHolds", "TooManyFreezes"));
        w.pallet("Balances", BALANCES).calls(balancesCall).events(balancesEvent).errors(balancesError)
                .value("TotalIssuance", u128, false, new byte[16])
                .constant("ExistentialDeposit", u128, new ScaleWriter().u128(BigInteger.valueOf(500)).toByteArray());

        // TfgridModule
        int entityProof = w.composite("pallet_tfgrid::types::EntityProof", List.of(), List.of(
                field("entity_id", u32, "u32"), field("signature", bytes, "Vec<u8>")));
        int twin = w.composite("pallet_tfgrid::types::Twin", List.of(TypeParam.of("AccountId", accountId)), List.of(
                field("id", u32, "u32"), field("account_id", accountId, "AccountId"),
                field("relay", optionBoundedBytes, "Option<BoundedVec<u8, ConstU32<MAX_RELAY_LENGTH>>>"),
                field("entities", w.sequence(entityProof), "Vec<EntityProof>"),
                field("pk", optionBoundedBytes, "Option<BoundedVec<u8, ConstU32<MAX_PK_LENGTH>>>")));
        int termsAndConditions = w.composite("pallet_tfgrid::terms_cond::TermsAndConditions", t, List.of(
                field("account_id", accountId, "T::AccountId"), field("timestamp", u64, "u64"),
                field("document_link", boundedBytes, "BoundedVec<u8, ConstU32<MAX_DOCUMENT_LINK_LENGTH>>"),
                field("document_hash", boundedBytes, "BoundedVec<u8, ConstU32<MAX_DOCUMENT_HASH_LENGTH>>")));
        int farm = w.composite("tfchain_support::types::Farm", List.of(TypeParam.of("Name", boundedBytes)), List.of(
                field("version", u32, "u32"), field("id", u32, "u32"), field("name", boundedBytes, "Name"),
                field("twin_id", u32, "u32"), field("pricing_policy_id", u32, "u32"),
                field("dedicated_farm", bool, "bool")));
        int node = w.composite("tfchain_support::types::Node", List.of(), List.of(
                field("version", u32, "u32"), field("id", u32, "u32"), field("farm_id", u32, "u32"),
                field("twin_id", u32, "u32"), field("created", u64, "u64"), field("farming_policy_id", u32, "u32"),
                field("secure_boot", bool, "bool"), field("virtualized", bool, "bool"),
                field("serial_number", optionBoundedBytes, "Option<SerialNumber>"),
                field("connection_price", u32, "u32")));
        int tfgridCall = w.variant("pallet_tfgrid::pallet::Call", t, List.of(
                variant("create_twin", 17, field("relay", optionBoundedBytes, "RelayInput"),
                        field("pk", optionBoundedBytes, "PkInput")),
                variant("update_twin", 18, field("relay", optionBoundedBytes, "RelayInput"),
                        field("pk", optionBoundedBytes, "PkInput")),
                variant("user_accept_tc", 25, field("document_link", boundedBytes, "DocumentLinkInput"),
                        field("document_hash", boundedBytes, "DocumentHashInput")),
                variant("delete_node_farm", 26, field("node_id", u32, "u32")),
                variant("bond_twin_account", 37, field("twin_id", u32, "u32")),
                variant("report_uptime_v2", 38, field("uptime", u64, "u64"), field("timestamp_hint", u64, "u64"))));
        int tfgridEvent = w.variant("pallet_tfgrid::pallet::Event", t, List.of(
                variant("FarmStored", 0, unnamed(farm, "FarmInfoOf<T>")),
                variant("FarmUpdated", 1, unnamed(farm, "FarmInfoOf<T>")),
                variant("FarmDeleted", 2, unnamed(u32, "u32")),
                variant("NodeStored", 3, unnamed(node, "TfgridNode<T>")),
                variant("NodeUpdated", 4, unnamed(node, "TfgridNode<T>")),
                variant("NodeDeleted", 5, unnamed(u32, "u32")),
                variant("NodeUptimeReported", 6, unnamed(u32, "u32"), unnamed(u64, "u64"), unnamed(u64, "u64")),
                variant("TwinStored", 11, unnamed(twin, "types::Twin<T::AccountId>")),
                variant("TwinUpdated", 12, unnamed(twin, "types::Twin<T::AccountId>")),
                variant("TwinEntityStored", 13, unnamed(u32, "u32"), unnamed(u32, "u32"), unnamed(bytes, "Vec<u8>")),
                variant("TwinEntityRemoved", 14, unnamed(u32, "u32"), unnamed(u32, "u32")),
                variant("TwinDeleted", 15, unnamed(u32, "u32")),
                variant("TwinAccountBounded", 16, unnamed(u32, "u32"), unnamed(accountId, "T::AccountId"))));
        int tfgridError = unitEnum(w, "pallet_tfgrid::pallet::Error", t, TFGRID_ERRORS);
        List<StorageHasher> blake = List.of(StorageHasher.BLAKE2_128_CONCAT);
        w.pallet("TfgridModule", TFGRID).calls(tfgridCall).events(tfgridEvent).errors(tfgridError)
                .map("Farms", blake, u32, farm, true, new byte[1])
                .map("FarmIdByName", blake, bytes, u32, false, new byte[4])
                .map("Nodes", blake, u32, node, true, new byte[1])
                .map("NodeIdByTwinID", blake, u32, u32, false, new byte[4])
                .map("Twins", blake, u32, twin, true, new byte[1])
                .map("TwinIdByAccountID", blake, accountId, u32, true, new byte[1])
                .map("UsersTermsAndConditions", blake, accountId, w.sequence(termsAndConditions), true, new byte[1])
                .value("FarmID", u32, false, new byte[4])
                .value("NodeID", u32, false, new byte[4])
                .value("TwinID", u32, false, new byte[4]);

        // SmartContractModule
        int nameContractName = w.composite("pallet_smart_contract::name_contract::NameContractName", t,
                List.of(unnamed(boundedBytes, "BoundedVec<u8, T::MaxNameContractNameLength>")));
        int cause = unitEnum(w, "pallet_smart_contract::types::Cause", "CanceledByUser", "OutOfFunds");
        int contractState = w.variant("pallet_smart_contract::types::ContractState", List.of(), List.of(
                variant("Created", 0), variant("Deleted", 1, unnamed(cause, "Cause")),
                variant("GracePeriod", 2, unnamed(u64, "BlockNumber"))));
        int publicIp = w.composite("tfchain_support::types::PublicIP", List.of(), List.of(
                field("ip", boundedBytes, "BoundedVec<u8, ConstU32<MAX_IP_LENGTH>>"),
                field("gateway", boundedBytes, "BoundedVec<u8, ConstU32<MAX_GW_LENGTH>>"),
                field("contract_id", u64, "u64")));
        int nodeContract = w.composite("pallet_smart_contract::types::NodeContract", t, List.of(
                field("node_id", u32, "u32"), field("deployment_hash", bytes32, "HexHash"),
                field("deployment_data", boundedBytes, "BoundedVec<u8, MaxDeploymentDataLength<T>>"),
                field("public_ips", u32, "u32"),
                field("public_ips_list", w.composite("bounded_collections::bounded_vec::BoundedVec",
                        List.of(TypeParam.of("T", publicIp), TypeParam.skipped("S")),
                        List.of(unnamed(w.sequence(publicIp), "Vec<T>"))),
                        "BoundedVec<PublicIP, MaxNodeContractPublicIPs<T>>")));
        int nameContract = w.composite("pallet_smart_contract::types::NameContract", t, List.of(
                field("name", nameContractName, "T::NameContractName")));
        int rentContract = w.composite("pallet_smart_contract::types::RentContract", List.of(), List.of(
                field("node_id", u32, "u32")));
        int contractData = w.variant("pallet_smart_contract::types::ContractData", t, List.of(
                variant("NodeContract", 0, unnamed(nodeContract, "NodeContract<T>")),
                variant("NameContract", 1, unnamed(nameContract, "NameContract<T>")),
                variant("RentContract", 2, unnamed(rentContract, "RentContract"))));
        int contract = w.composite("pallet_smart_contract::types::Contract", t, List.of(
                field("version", u32, "u32"), field("state", contractState, "ContractState"),
                field("contract_id", u64, "u64"), field("twin_id", u32, "u32"),
                field("contract_type", contractData, "ContractData<T>"),
                field("solution_provider_id", optionU64, "Option<u64>")));
        int smartContractCall = w.variant("pallet_smart_contract::pallet::Call", t, List.of(
                variant("create_node_contract", 0, field("node_id", u32, "u32"),
                        field("deployment_hash", bytes32, "HexHash"),
                        field("deployment_data", boundedBytes, "DeploymentDataInput<T>"),
                        field("public_ips", u32, "u32"), field("solution_provider_id", optionU64, "Option<u64>")),
                variant("update_node_contract", 1, field("contract_id", u64, "u64"),
                        field("deployment_hash", bytes32, "HexHash"),
                        field("deployment_data", boundedBytes, "DeploymentDataInput<T>")),
                variant("cancel_contract", 2, field("contract_id", u64, "u64")),
                variant("create_name_contract", 4, field("name", bytes, "Vec<u8>")),
                variant("create_rent_contract", 7, field("node_id", u32, "u32"),
                        field("solution_provider_id", optionU64, "Option<u64>"))));
        int smartContractEvent = w.variant("pallet_smart_contract::pallet::Event", t, List.of(
                variant("ContractCreated", 0, unnamed(contract, "types::Contract<T>")),
                variant("ContractUpdated", 1, unnamed(contract, "types::Contract<T>")),
                variant("NodeContractCanceled", 2, field("contract_id", u64, "u64"), field("node_id", u32, "u32"),
                        field("twin_id", u32, "u32")),
                variant("NameContractCanceled", 3, field("contract_id", u64, "u64"))));
        int smartContractError = unitEnum(w, "pallet_smart_contract::pallet::Error", t, SMART_CONTRACT_ERRORS);
        w.pallet("SmartContractModule", SMART_CONTRACT).calls(smartContractCall).events(smartContractEvent)
                .errors(smartContractError)
                .map("Contracts", blake, u64, contract, true, new byte[1])
                .map("ContractIDByNodeIDAndHash", List.of(StorageHasher.BLAKE2_128_CONCAT,
                        StorageHasher.BLAKE2_128_CONCAT), w.tuple(u32, bytes32), u64, false, new byte[8])
                .map("ActiveNodeContracts", blake, u32, w.sequence(u64), false, new byte[1])
                .map("ContractIDByNameRegistration", blake, nameContractName, u64, false, new byte[8])
                .value("ContractID", u64, false, new byte[8]);

        // the outer enums, in pallet order, each variant at its pallet's index
        String hidden = "self::sp_api_hidden_includes_construct_runtime::hidden_include::dispatch::";
        w.defineVariant(runtimeCall, "tfchain_runtime::RuntimeCall", List.of(), List.of(
                variant("System", SYSTEM, unnamed(systemCall, hidden + "CallableCallFor<System, Runtime>")),
                variant("Utility", UTILITY, unnamed(utilityCall, hidden + "CallableCallFor<Utility, Runtime>")),
                variant("Balances", BALANCES, unnamed(balancesCall, hidden + "CallableCallFor<Balances, Runtime>")),
                variant("TfgridModule", TFGRID, unnamed(tfgridCall,
                        hidden + "CallableCallFor<TfgridModule, Runtime>")),
                variant("SmartContractModule", SMART_CONTRACT, unnamed(smartContractCall,
                        hidden + "CallableCallFor<SmartContractModule, Runtime>"))));
        w.defineVariant(runtimeEvent, "tfchain_runtime::RuntimeEvent", List.of(), List.of(
                variant("System", SYSTEM, unnamed(systemEvent, "frame_system::Event<Runtime>")),
                variant("Utility", UTILITY, unnamed(utilityEvent, "pallet_utility::Event")),
                variant("Balances", BALANCES, unnamed(balancesEvent, "pallet_balances::Event<Runtime>")),
                variant("TfgridModule", TFGRID, unnamed(tfgridEvent, "pallet_tfgrid::Event<Runtime>")),
                variant("SmartContractModule", SMART_CONTRACT, unnamed(smartContractEvent,
                        "pallet_smart_contract::Event<Runtime>"))));

        // the extrinsic: tfchain's SignedExtra, in its order
        List<RuntimeMetadata.SignedExtension> extensions = List.of(
                extension(w, "CheckNonZeroSender", "check_non_zero_sender", List.of(), unit),
                extension(w, "CheckSpecVersion", "check_spec_version", List.of(), u32),
                extension(w, "CheckTxVersion", "check_tx_version", List.of(), u32),
                extension(w, "CheckGenesis", "check_genesis", List.of(), h256),
                extension(w, "CheckMortality", "check_mortality", List.of(unnamed(era, "Era")), h256),
                extension(w, "CheckNonce", "check_nonce", List.of(unnamed(compactU32, "T::Index")), unit),
                extension(w, "CheckWeight", "check_weight", List.of(), unit),
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

    private static RuntimeMetadata.SignedExtension extension(RuntimeMetadataWriter w, String name, String module,
            List<RuntimeMetadata.Field> fields, int additionalSigned) {
        int type = w.composite("frame_system::extensions::" + module + "::" + name,
                List.of(TypeParam.skipped("T")), fields);
        return new RuntimeMetadata.SignedExtension(name, type, additionalSigned);
    }

    private static int unitEnum(RuntimeMetadataWriter w, String path, String... names) {
        return unitEnum(w, path, List.of(), List.of(names));
    }

    private static int unitEnum(RuntimeMetadataWriter w, String path, List<TypeParam> params, List<String> names) {
        List<RuntimeMetadata.Variant> variants = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            variants.add(variant(names.get(i), i));
        }
        return w.variant(path, params, variants);
    }

    private static int dispatchError(RuntimeMetadataWriter w, int u8, int bytes4) {
        int moduleError = w.composite("sp_runtime::ModuleError", List.of(), List.of(
                field("index", u8, "u8"), field("error", bytes4, "[u8; MAX_MODULE_ERROR_ENCODED_SIZE]")));
        int tokenError = unitEnum(w, "sp_runtime::TokenError", "FundsUnavailable", "OnlyProvider", "BelowMinimum",
                "CannotCreate", "UnknownAsset", "Frozen", "Unsupported", "CannotCreateHold", "NotExpendable");
        int arithmeticError = unitEnum(w, "sp_arithmetic::ArithmeticError", "Underflow", "Overflow",
                "DivisionByZero");
        int transactionalError = unitEnum(w, "sp_runtime::TransactionalError", "LimitReached", "NoLayer");
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
