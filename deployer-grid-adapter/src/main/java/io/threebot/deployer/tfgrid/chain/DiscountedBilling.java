package io.threebot.deployer.tfgrid.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A twin's balance against the hourly bills of its contracts under tfchain's {@link DiscountLevel discounts}: what
 * balance pays a number of bills, and how many bills a balance pays. The discount follows the balance down as it is
 * spent, so a balance that earns one at first pays the later bills at a higher price.
 *
 * <p>The chain gives each contract the level its twin's balance earns against that contract's own cost when it is
 * billed; a 3Bot's name contract, which costs little, earns a higher one than its VM. Here each contract earns its
 * level from the balance at the start of the hour less the hour's bills of every contract at the full price: the
 * least any of them can see when it is billed, and only once that balance holds a tenth more than the level asks:
 * the chain makes the months a balance holds from the amount due times the billing period over an hour, so a period
 * that runs past the hour (a slow block) counts fewer months than the hour's cost would. The bills counted are
 * therefore never less than the chain's, so a balance found here pays at least as long, and a time found here is
 * never longer than the chain's. Each contract's bill is rounded up, as the chain does.
 */
public final class DiscountedBilling {
    /** From a balance up to the next step's, what one hour of bills costs. */
    private record Step(BigInteger from, BigInteger bill) {
    }

    /** How much over a level's threshold a balance must hold to be counted as earning it. */
    private static final BigDecimal THRESHOLD_MARGIN = new BigDecimal("1.1");

    private DiscountedBilling() {
    }

    /**
     * The least balance that pays {@code hours} hourly bills of the contracts, each bill paid from what is left.
     *
     * @param hourlyCosts each contract's cost an hour before discount, in 10^-7 TFT
     * @throws IllegalArgumentException when hours is negative or a cost is negative
     */
    public static BigInteger balanceFor(List<BigDecimal> hourlyCosts, long hours) {
        if (hours < 0) {
            throw new IllegalArgumentException("hours must not be negative");
        }
        List<Step> steps = steps(hourlyCosts);
        BigInteger after = BigInteger.ZERO;
        long hour = 0;
        while (hour < hours) {
            // the least balance whose hour of bills leaves `after`: in each step, its start or enough to pay its bill
            int chosen = 0;
            BigInteger least = null;
            for (int i = 0; i < steps.size(); i++) {
                BigInteger candidate = after.add(steps.get(i).bill()).max(steps.get(i).from());
                if (least == null || candidate.compareTo(least) < 0) {
                    least = candidate;
                    chosen = i;
                }
            }
            Step step = steps.get(chosen);
            boolean paidInStep = least.equals(after.add(step.bill()));
            after = least;
            hour++;
            if (paidInStep && step.bill().signum() > 0 && hour < hours) {
                // the hours before stay in this step while one more bill keeps the balance below the next step's
                // start: a dearer step's balance is higher, a higher step starts above it
                long more = hours - hour;
                if (chosen + 1 < steps.size()) {
                    BigInteger room = steps.get(chosen + 1).from().subtract(after).divide(step.bill());
                    more = room.min(BigInteger.valueOf(more)).max(BigInteger.ZERO).longValueExact();
                }
                after = after.add(step.bill().multiply(BigInteger.valueOf(more)));
                hour += more;
            }
        }
        return after;
    }

    /**
     * How many hourly bills of the contracts the balance pays; {@link Long#MAX_VALUE} when they cost nothing.
     *
     * @param hourlyCosts each contract's cost an hour before discount, in 10^-7 TFT
     * @throws IllegalArgumentException when a cost is negative
     */
    public static long hoursPaid(BigInteger balance, List<BigDecimal> hourlyCosts) {
        List<Step> steps = steps(hourlyCosts);
        if (steps.get(0).bill().signum() == 0) {
            return Long.MAX_VALUE;
        }
        long hours = 0;
        BigInteger left = balance;
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step step = steps.get(i);
            BigInteger lowest = step.from().max(step.bill());
            if (left.compareTo(lowest) < 0) {
                if (left.compareTo(step.from()) >= 0) {
                    return hours; // it cannot pay this step's bill, nor a dearer one below it
                }
                continue;
            }
            // bills in this step while what is left is still in it and pays the bill
            BigInteger bills = left.subtract(lowest).divide(step.bill()).add(BigInteger.ONE);
            if (bills.compareTo(BigInteger.valueOf(Long.MAX_VALUE - hours)) >= 0) {
                return Long.MAX_VALUE;
            }
            left = left.subtract(bills.multiply(step.bill()));
            hours += bills.longValueExact();
        }
        return hours;
    }

    /** The balances at which an hour's bills change, lowest (zero) first, each with what the hour costs from it. */
    private static List<Step> steps(List<BigDecimal> hourlyCosts) {
        BigInteger fullHour = BigInteger.ZERO;
        for (BigDecimal cost : hourlyCosts) {
            if (cost.signum() < 0) {
                throw new IllegalArgumentException("a cost must not be negative");
            }
            fullHour = fullHour.add(DiscountLevel.NONE.of(cost));
        }
        TreeSet<BigInteger> starts = new TreeSet<>();
        starts.add(BigInteger.ZERO);
        for (BigDecimal cost : hourlyCosts) {
            if (cost.signum() > 0) {
                for (DiscountLevel level : DiscountLevel.values()) {
                    starts.add(least(level, cost).add(fullHour));
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        for (BigInteger from : starts) {
            BigInteger seen = from.subtract(fullHour).max(BigInteger.ZERO);
            BigInteger bill = BigInteger.ZERO;
            for (BigDecimal cost : hourlyCosts) {
                bill = bill.add(DiscountLevel.earnedBy(seen, counted(cost)).of(cost));
            }
            steps.add(new Step(from, bill));
        }
        return steps;
    }

    /** The least whole balance counted as earning the level against a cost. */
    private static BigInteger least(DiscountLevel level, BigDecimal cost) {
        return level.threshold(counted(cost)).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    }

    /** The cost a level's threshold is counted against: a tenth over the contract's, so the threshold is too. */
    private static BigDecimal counted(BigDecimal cost) {
        return cost.multiply(THRESHOLD_MARGIN);
    }
}
