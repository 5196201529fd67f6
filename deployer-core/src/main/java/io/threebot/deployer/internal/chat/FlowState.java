package io.threebot.deployer.internal.chat;

/** A {@link FlowContext} that a step may also write facts to. */
public interface FlowState extends FlowContext {

    /** Stores a fact (any value Jackson can write) for later steps. */
    void put(String key, Object value);

    void remove(String key);

    /** Stores a secret fact, sealed at rest and dropped when the session ends; read it with {@link #secret}. */
    void putSecret(String key, String value);
}
