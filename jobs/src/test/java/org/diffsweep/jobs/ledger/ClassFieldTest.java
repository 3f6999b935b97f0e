package org.diffsweep.jobs.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.evaluator.PointStatus;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.GridPoint;
import org.junit.jupiter.api.Test;

/**
 * Adding a per-class field is one line: every consumer iterates {@link ClassField}. This test sets every field of
 * the enum (whatever it holds when the test runs) to a distinct value and checks that the ledger row carries it in
 * its own typed column and decodes back to the same {@link ClassResult}; a new enum constant is covered with no
 * change here. It also checks that each ledger column name is written once as a string literal in {@code src/main}.
 */
class ClassFieldTest {
    static final PointParams POINT = PointParams.of(10, 2, 2, 0.05, 4, List.of(new ClassSpec("A", 0.5, 1, 0, 2),
            new ClassSpec("B", 0.5, 1, 180, 0.5)));

    @Test
    void everyClassFieldHasOneTypedColumnAndRoundTripsThroughTheLedgerRow() {
        List<ClassResult> classes = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Map<ClassField, Object> f = new EnumMap<>(ClassField.class);
            for (ClassField k : ClassField.values()) {
                f.put(k, switch (k.type()) {
                    case BOOLEAN -> (k.ordinal() + c) % 2 == 0;
                    case INT -> k.ordinal() + 1000 * c;
                    case STRING -> k.column() + c;
                    case DOUBLE -> 1.5 + k.ordinal() + 100 * c;
                });
            }
            classes.add(ClassResult.of(POINT.classes().get(c).name(), 0.5, POINT.classSize(c), f));
        }
        PointResult r = new PointResult(PointStatus.OK, "", 1.25, classes, Map.of());
        List<String> axes = List.of("varianceRatio");
        StructType schema = MixtureTable.TABLE.schema(axes);
        for (ClassField k : ClassField.values()) {
            int i = schema.fieldIndex(k.column());
            assertEquals(switch (k.type()) {
                case BOOLEAN -> DataTypes.BooleanType;
                case INT -> DataTypes.IntegerType;
                case STRING -> DataTypes.StringType;
                case DOUBLE -> DataTypes.DoubleType;
            }, schema.fields()[i].dataType());
            assertTrue(schema.fields()[i].nullable(), k.column());
        }
        List<Row> rows = MixtureTable.TABLE.rows(new GridPoint<>(7, POINT, Map.of("varianceRatio", 4.0), 0), "id", axes, r, 0.5,
                new Provenance("h", "c", "rf-gmm", "1"));
        assertEquals(2, rows.size());
        for (int c = 0; c < 2; c++) {
            Row withSchema = new GenericRowWithSchema(((GenericRowWithSchema) rowOf(rows.get(c), schema)).values(), schema);
            assertEquals(classes.get(c), MixtureTable.classResult(withSchema), "row " + c);
        }
        // D_gen of the point, from the first two classes' tauGen (1.5 + ordinal vs 101.5 + ordinal).
        double want = Math.log((1.5 + ClassField.TAU_GEN.ordinal()) / (101.5 + ClassField.TAU_GEN.ordinal()));
        assertEquals(want, (Double) rowOf(rows.get(0), schema).getAs(MixtureTable.D_GEN.name()), 1e-15);
    }

    private static Row rowOf(Row r, StructType schema) {
        Object[] v = new Object[r.length()];
        for (int i = 0; i < v.length; i++) v[i] = r.get(i);
        return new GenericRowWithSchema(v, schema);
    }

    @Test
    void eachLedgerColumnNameIsOneStringLiteralInMain() throws IOException {
        List<String> names = new ArrayList<>(MixtureTable.TABLE.names(List.of()));
        names.add(LedgerTable.WAVE);
        Map<String, Integer> count = new HashMap<>();
        Pattern literal = Pattern.compile("\"([A-Za-z]+)\"");
        for (Path root : List.of(Path.of("src", "main", "java"), Path.of("..", "core", "src", "main", "java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(f));
                    while (m.find()) if (names.contains(m.group(1))) count.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        for (String n : names) assertEquals(1, count.getOrDefault(n, 0), "string literal \"" + n + "\" in core/jobs main");
    }

    /**
     * The user documentation names every ledger column and every phase metric: docs/outputs.md's column table is
     * the users' one reference, so a column added to the table without its line there fails here.
     */
    @Test
    void everyLedgerColumnAndPhaseMetricIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "outputs.md"));
        String columns = docs.substring(docs.indexOf("## Ledger and results.csv columns"), docs.indexOf("## Slices"));
        for (String name : MixtureTable.TABLE.schema(List.of()).fieldNames())
            assertTrue(columns.contains("`" + name + "`"), "docs/outputs.md does not document ledger column " + name);
        String phase = docs.substring(docs.indexOf("## Phase table"));
        for (org.diffsweep.jobs.phase.DMetric m : org.diffsweep.jobs.phase.DMetric.values())
            assertTrue(phase.contains("`" + m.name() + "`"), "docs/outputs.md does not name phase metric " + m);
    }
}
