package io.threebot.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The core's packages form no cycle, so each can be read, tested and changed from the bottom up. */
class ArchitectureTest {
    private static final String ROOT = "io.threebot.deployer";
    /** The packages that do the work, API and internal. */
    private static final Set<String> WORK = new TreeSet<>(Set.of(ROOT + ".internal.deploy", ROOT + ".lifecycle",
            ROOT + ".internal.lifecycle", ROOT + ".billing", ROOT + ".internal.billing", ROOT + ".grid",
            ROOT + ".internal.grid"));
    /** The chats: their engine, their messages and the flows. */
    private static final Set<String> CHATS = Set.of(ROOT + ".chat", ROOT + ".internal.chat", ROOT + ".internal.flows");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void packagesFormNoCycles() {
        Map<String, Set<String>> graph = new TreeMap<>();
        Map<String, Set<String>> because = new HashMap<>();
        for (JavaClass c : classes) {
            String from = c.getPackageName();
            graph.computeIfAbsent(from, k -> new TreeSet<>());
            c.getDirectDependenciesFromSelf().forEach(d -> {
                String to = d.getTargetClass().getPackageName();
                if (to.startsWith(ROOT) && !to.equals(from)) {
                    graph.get(from).add(to);
                    because.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
                            .add(c.getSimpleName() + " -> " + d.getTargetClass().getSimpleName());
                }
            });
        }
        List<List<String>> cycles = stronglyConnected(graph).stream().filter(s -> s.size() > 1).toList();
        List<String> explained = new ArrayList<>();
        for (List<String> cycle : cycles) {
            for (String a : cycle) {
                for (String b : cycle) {
                    if (graph.get(a).contains(b)) {
                        explained.add(a + " -> " + b + " " + because.get(a + " -> " + b));
                    }
                }
            }
        }
        assertThat(explained).as("package cycles").isEmpty();
        assertThat(graph).as("packages read").hasSizeGreaterThan(10);
    }

    @Test
    void theWorkDoesNotKnowTheChats() {
        List<String> leaks = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = c.getPackageName();
            if (!WORK.contains(from)) {
                continue;
            }
            checked.add(from);
            c.getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass().getPackageName())
                    .filter(CHATS::contains).distinct()
                    .forEach(to -> leaks.add(c.getSimpleName() + " -> " + to));
        }
        assertThat(checked).as("packages checked").isEqualTo(WORK);
        assertThat(leaks).as("deploy, lifecycle, billing and grid depend on neither chat nor flows").isEmpty();
    }

    /** Tarjan's strongly connected components of the package graph. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                visit(v, graph, index, low, stack, onStack, components, counter);
            }
        }
        return components;
    }

    private static void visit(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                              Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                              List<List<String>> components, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, graph, index, low, stack, onStack, components, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            components.add(component);
        }
    }
}
