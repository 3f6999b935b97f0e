package org.diffsweep.jobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.run.FakeEvaluator;

/** Runs the CLI in-process with captured output; sweeps use the fake evaluator unless a test sets another model. */
final class CliRunner {
    record Result(int status, String out, String err) {
        List<String> errLines() { return err.isEmpty() ? List.of() : List.of(err.split("\\R")); }
    }

    MixtureModel model = FakeEvaluator.model("cli", false);

    Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), model, args);
        return new Result(status, out.toString(), err.toString());
    }
}
