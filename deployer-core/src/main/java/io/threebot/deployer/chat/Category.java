package io.threebot.deployer.chat;

import io.threebot.deployer.spi.Progress;

/** Message categories, with the names web hosts of the original chat client expect on the wire. */
public enum Category {
    STRING_ASK("string_ask"),
    SECRET_ASK("secret_ask"),
    INT_ASK("int_ask"),
    SINGLE_CHOICE("single_choice"),
    MULTI_CHOICE("multi_choice"),
    DROP_DOWN_CHOICE("drop_down_choice"),
    UPLOAD_FILE("upload_file"),
    DOWNLOAD_FILE("download_file"),
    MD_SHOW("md_show"),
    CONFIRM("confirm"),
    /** A QR code (base64 PNG in {@code kwargs.qrcode}, its text in {@code kwargs.data}) with a message; waits. */
    QRCODE_SHOW("qrcode_show"),
    /** Progress of a long step; no answer is expected. */
    MD_SHOW_UPDATE("md_show_update"),
    ERROR("error"),
    END("end");

    private final String wireName;

    Category(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True for categories that wait for the user's answer. */
    public boolean asks() {
        return this != MD_SHOW_UPDATE && this != ERROR && this != END;
    }

    public static Category fromWireName(String name) {
        for (Category c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category " + name);
    }
}
