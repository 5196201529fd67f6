package io.threebot.deployer.stellar;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.stellar.sdk.Server;
import org.stellar.sdk.requests.ErrorResponse;
import org.stellar.sdk.requests.EventListener;
import org.stellar.sdk.requests.RequestBuilder;
import org.stellar.sdk.requests.SSEStream;
import org.stellar.sdk.requests.TooManyRequestsException;
import org.stellar.sdk.responses.AccountResponse;
import org.stellar.sdk.responses.SubmitTransactionResponse;
import org.stellar.sdk.responses.SubmitTransactionTimeoutResponseException;
import org.stellar.sdk.responses.SubmitTransactionUnknownResponseException;
import org.stellar.sdk.responses.TransactionResponse;
import org.stellar.sdk.responses.operations.OperationResponse;

/**
 * The Horizon calls the adapter makes, through the SDK's {@link Server}, each with a deadline and every failure
 * turned into a typed {@link StellarPaymentException}: unreachable or 5xx is {@link HorizonUnavailableException},
 * 429 {@link HorizonRateLimitedException}, and a malformed or oversized answer {@link HorizonAnswerException}.
 */
final class Horizon implements AutoCloseable {
    private final Server server;
    private final Server streaming;

    Horizon(StellarSettings settings) {
        OkHttpClient reads = client(settings.requestTimeout(), settings);
        OkHttpClient submits = client(settings.submitTimeout(), settings);
        this.server = new Server(settings.horizonUrl().toString(), reads, submits);
        // a stream has no overall deadline: it is read event by event, and one silent for long is reconnected
        OkHttpClient stream = reads.newBuilder().callTimeout(0, TimeUnit.MILLISECONDS)
                .readTimeout(settings.requestTimeout().multipliedBy(3)).build();
        this.streaming = new Server(settings.horizonUrl().toString(), stream, submits);
    }

    private static OkHttpClient client(Duration deadline, StellarSettings settings) {
        return new OkHttpClient.Builder()
                .connectTimeout(settings.requestTimeout())
                .readTimeout(deadline)
                .writeTimeout(deadline)
                .callTimeout(deadline)
                .retryOnConnectionFailure(false)
                .addInterceptor(new AnswerGuard(settings.maxAnswerBytes()))
                .build();
    }

    /** An account, or empty when Horizon does not know it. */
    Optional<AccountResponse> account(String accountId) {
        return call("read account " + accountId, () -> {
            try {
                return Optional.of(server.accounts().account(accountId));
            } catch (ErrorResponse e) {
                if (e.getCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** One page of an account's payments after {@code cursor} (oldest first), with their transactions joined. */
    List<OperationResponse> payments(String accountId, Optional<String> cursor, int limit) {
        return call("read the payments of " + accountId, () -> {
            var request = server.payments().forAccount(accountId).order(RequestBuilder.Order.ASC).limit(limit)
                    .includeTransactions(true);
            cursor.ifPresent(request::cursor);
            List<OperationResponse> records = request.execute().getRecords();
            if (records == null) {
                throw new HorizonAnswerException("Horizon's page of payments holds no records");
            }
            return List.copyOf(records);
        });
    }

    /** A transaction by hash, or empty when Horizon does not know it. */
    Optional<TransactionResponse> transaction(String hash) {
        return call("read transaction " + hash, () -> {
            try {
                return Optional.of(server.transactions().transaction(hash));
            } catch (ErrorResponse e) {
                if (e.getCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Submits a signed envelope; the answer says whether it was applied, or Horizon's result codes. */
    SubmitTransactionResponse submit(String envelopeXdr) {
        return call("submit a transaction", () -> {
            SubmitTransactionResponse response = server.submitTransactionXdr(envelopeXdr);
            if (response == null) {
                throw new HorizonAnswerException("Horizon answered the submission with nothing");
            }
            return response;
        });
    }

    /** Follows an account's payments from {@code cursor} as Horizon streams them (server-sent events). */
    SSEStream<OperationResponse> stream(String accountId, Optional<String> cursor,
                                        EventListener<OperationResponse> listener) {
        var request = streaming.payments().forAccount(accountId).includeTransactions(true);
        // without a cursor, from the account's first payment, as a catch-up reads it: never "now", which would skip
        // whatever arrived while the stream was connecting
        request.cursor(cursor.orElse("0"));
        return request.stream(listener);
    }

    @Override
    public void close() {
        server.close();
        streaming.close();
    }

    @FunctionalInterface
    private interface HorizonCall<T> {
        T run() throws IOException;
    }

    private static <T> T call(String what, HorizonCall<T> call) {
        try {
            return call.run();
        } catch (AnswerGuard.RateLimited e) {
            throw new HorizonRateLimitedException("Horizon is rate limiting us; could not " + what,
                    e.retryAfter);
        } catch (AnswerGuard.Oversized e) {
            throw new HorizonAnswerException("Could not " + what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new HorizonUnavailableException("Horizon could not be reached to " + what + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (TooManyRequestsException e) {
            throw new HorizonRateLimitedException("Horizon is rate limiting us; could not " + what,
                    e.getRetryAfter().map(Duration::ofSeconds).orElse(null));
        } catch (ErrorResponse e) {
            if (e.getCode() >= 500) {
                throw new HorizonUnavailableException("Horizon answered " + e.getCode() + " to " + what, e);
            }
            throw new HorizonAnswerException("Horizon refused to " + what + " (" + e.getCode() + ")", e);
        } catch (SubmitTransactionTimeoutResponseException e) {
            throw new HorizonUnavailableException("Horizon timed out waiting for the ledger; whether the "
                    + "transaction was applied is checked before anything is sent again", e);
        } catch (SubmitTransactionUnknownResponseException e) {
            throw new HorizonUnavailableException("Horizon answered " + e.getCode() + " to " + what, e);
        } catch (StellarPaymentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Gson and the SDK's parsers throw unchecked exceptions for answers that are not what Horizon sends
            throw new HorizonAnswerException("Horizon's answer to " + what + " could not be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
