package org.diffsweep.jobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.diffsweep.jobs.spec.RunOptions;
import org.diffsweep.jobs.spec.SweepExecutor;
import org.diffsweep.jobs.spec.SweepPlan;

/** Runs the CLI in-process with captured output and a recording sweep executor. */
final class CliRunner {
    record Result(int status, String out, String err) {
        List<String> errLines() { return err.isEmpty() ? List.of() : List.of(err.split("\\R")); }
    }

    final List<SweepPlan> plans = new ArrayList<>();
    final List<RunOptions> options = new ArrayList<>();
    ScienceFacade science = new EchoScienceFacade();
    SweepExecutor executor = (plan, opts) -> {
        plans.add(plan);
        options.add(opts);
        return 0;
    };

    Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), science, executor, args);
        return new Result(status, out.toString(), err.toString());
    }
}
