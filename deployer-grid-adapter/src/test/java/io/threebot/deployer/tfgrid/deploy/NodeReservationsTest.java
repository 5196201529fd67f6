package io.threebot.deployer.tfgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.model.Flavor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The placement's memory of what it placed lately: a burst of placements spreads over the nodes that fit and never
 * holds more on a node than gridproxy says it has free; excluded and refusing nodes are passed over; holds end.
 */
class NodeReservationsTest {
    private static final long GIB = 1L << 30;
    private static final BotSize SILVER = BotSize.of(Flavor.SILVER);
    private final AtomicLong now = new AtomicLong();
    private final NodeReservations reservations = new NodeReservations(Duration.ofMinutes(10), now::get,
            new SplittableRandom(7));

    private static NodeReservations.Candidate node(long id, long memoryGib) {
        return new NodeReservations.Candidate(id, memoryGib * GIB, 1000 * GIB);
    }

    @Test
    void aBurstSpreadsOverTheNodesThatFitAndNeverOverfillsOne() {
        List<NodeReservations.Candidate> listed = List.of(node(1, 64), node(2, 32), node(3, 32));
        long fits = listed.stream().mapToLong(c -> c.freeMemory() / SILVER.memoryBytes()).sum();
        Map<Long, Integer> placed = new HashMap<>();
        for (int i = 0; i < fits; i++) {
            long chosen = reservations.chooseAndHold(listed, SILVER, Set.of()).orElseThrow();
            placed.merge(chosen, 1, Integer::sum);
        }
        // gridproxy still shows every node empty: without the holds all would have gone to node 1
        assertThat(placed.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L);
        for (NodeReservations.Candidate c : listed) {
            assertThat(reservations.heldMemory(c.nodeId())).as("node " + c.nodeId())
                    .isLessThanOrEqualTo(c.freeMemory());
        }
        assertThat(reservations.chooseAndHold(listed, SILVER, Set.of())).as("every node is full now").isEmpty();
    }

    @Test
    void theFirstPlacementsOfABurstLandOnDifferentNodesMostOfTheTime() {
        List<NodeReservations.Candidate> listed = List.of(node(1, 64), node(2, 64), node(3, 64), node(4, 64));
        Map<Long, Integer> placed = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            placed.merge(reservations.chooseAndHold(listed, SILVER, Set.of()).orElseThrow(), 1, Integer::sum);
        }
        assertThat(placed).hasSizeGreaterThan(1);
        assertThat(placed.values()).allMatch(n -> n < 12);
    }

    @Test
    void excludedNodesAndNodesThatRefusedAreNotChosen() {
        List<NodeReservations.Candidate> listed = List.of(node(1, 64), node(2, 64), node(3, 64));
        for (int i = 0; i < 20; i++) {
            assertThat(reservations.chooseAndHold(listed, SILVER, Set.of(1L, 3L))).contains(2L);
        }
        reservations.refused(2, SILVER);
        for (int i = 0; i < 20; i++) {
            assertThat(reservations.chooseAndHold(listed, SILVER, Set.of(1L))).as("2 refused, 3 is left")
                    .contains(3L);
        }
        assertThat(reservations.chooseAndHold(listed, SILVER, Set.of(1L, 3L))).isEmpty();
        BotSize smaller = new BotSize(1, SILVER.memoryBytes() / 2, SILVER.diskBytes());
        assertThat(reservations.chooseAndHold(listed, smaller, Set.of(1L, 3L))).as("a smaller VM may fit there")
                .contains(2L);
    }

    @Test
    void aRefusalLetsGoOfWhatWasHeldForTheVmAndHoldsEndAfterTheirTime() {
        List<NodeReservations.Candidate> one = List.of(node(5, 16));
        long chosen = reservations.chooseAndHold(one, SILVER, Set.of()).orElseThrow();
        assertThat(reservations.heldMemory(chosen)).isEqualTo(SILVER.memoryBytes());
        reservations.refused(chosen, SILVER);
        assertThat(reservations.heldMemory(chosen)).isZero();
        assertThat(reservations.chooseAndHold(one, SILVER, Set.of())).isEmpty();

        now.addAndGet(Duration.ofMinutes(10).toNanos());
        assertThat(reservations.chooseAndHold(one, SILVER, Set.of())).as("the refusal is forgotten").contains(5L);
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        assertThat(reservations.heldMemory(5)).as("the hold ended").isZero();
    }

    @Test
    void whatGridproxyShowsOnceItCaughtUpIsNotCountedTwice() {
        long chosen = reservations.chooseAndHold(List.of(node(6, 4)), SILVER, Set.of()).orElseThrow();
        assertThat(chosen).isEqualTo(6);
        assertThat(reservations.chooseAndHold(List.of(node(6, 4)), BotSize.of(Flavor.GOLD), Set.of()))
                .as("gridproxy still shows 4 GiB free, 2 of them held").isEmpty();
        // gridproxy now counts the first VM: 2 GiB free, which the second may take
        assertThat(reservations.chooseAndHold(List.of(node(6, 2)), SILVER, Set.of())).contains(6L);
        assertThat(reservations.chooseAndHold(List.of(node(6, 2)), SILVER, Set.of()))
                .as("the second VM is held, not shown yet").isEmpty();
        assertThat(reservations.chooseAndHold(List.of(node(6, 0)), SILVER, Set.of())).isEmpty();
    }

    @Test
    void aNodeWithoutRoomForTheSizeIsNeverChosen() {
        Optional<Long> none = reservations.chooseAndHold(List.of(new NodeReservations.Candidate(9,
                SILVER.memoryBytes() - 1, 1000 * GIB), new NodeReservations.Candidate(10, 64 * GIB,
                SILVER.ssdBytes() - 1)), SILVER, Set.of());
        assertThat(none).isEmpty();
    }
}
