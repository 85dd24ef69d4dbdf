import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the named test classes without Maven (the GPU machine has a JRE and the bundle's jars, no Maven and no
 * network): one line per test with its outcome, the skip reason or the failure, then JUnit's summary.
 * Exit status 1 when a test failed. Used by bench/gpu-device.sh.
 */
public final class RunSelected {
    public static void main(String[] classes) {
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(classes).map(DiscoverySelectors::selectClass).toList())
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        List<String> lines = new ArrayList<>();
        TestExecutionListener perTest = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                line("SKIPPED", id, reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    return;
                }
                Optional<Throwable> t = result.getThrowable();
                line(result.getStatus().toString(), id, t.map(e -> e.getClass().getSimpleName() + ": "
                        + e.getMessage()).orElse(""));
            }

            private void line(String outcome, TestIdentifier id, String why) {
                String name = id.getUniqueId().replaceAll("\\[[a-z-]+:", "[").replace("[engine:junit-jupiter]/", "");
                String text = String.format("%-10s %s %s", outcome, name, why == null ? "" : why);
                lines.add(text);
                System.out.println(text);
                System.out.flush();
            }
        };
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary, perTest);
        System.out.println("---- outcomes");
        lines.forEach(System.out::println);
        summary.getSummary().printTo(new PrintWriter(System.out));
        summary.getSummary().printFailuresTo(new PrintWriter(System.out), 30);
        System.exit(summary.getSummary().getTotalFailureCount() > 0 ? 1 : 0);
    }
}
