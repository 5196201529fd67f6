package io.threebot.deployer.explorer;

/** The explorer answered something that is not what the API describes: malformed JSON, an HTML page, a cut body. */
public class ExplorerProtocolException extends ExplorerException {
    public ExplorerProtocolException(String message) {
        super(message);
    }

    public ExplorerProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
