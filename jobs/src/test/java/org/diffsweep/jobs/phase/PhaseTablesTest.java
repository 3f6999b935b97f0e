package org.diffsweep.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTablesTest {
    @Test
    void shortNumbersKeepIntegerZeros() {
        assertEquals("100", PhaseTables.shortNumber(100));
        assertEquals("1", PhaseTables.shortNumber(1));
        assertEquals("0.25", PhaseTables.shortNumber(0.25));
        assertEquals("31.6", PhaseTables.shortNumber(Math.sqrt(1000)));
        assertEquals("1e-05", PhaseTables.shortNumber(1e-5));
        assertEquals("1.5e+06", PhaseTables.shortNumber(1.5e6));
        assertEquals("-2", PhaseTables.shortNumber(-2));
    }

    @Test
    void csvRowsRoundTripNumbersAndQuoteSliceNames() {
        PhaseCell c = new PhaseCell("t=0.1,psiP=2", DMetric.GEN_MEASURED, 0.1, 3.0, 3, 0, 0, 0, -0.123456789012345,
                Double.NaN, Double.NaN, -1, 1, Phase.REVERSED);
        String[] lines = PhaseTables.cellsCsv(List.of(c)).split("\n");
        assertEquals("slice,metric,x,y,seeds,missingSeeds,censoredSeeds,ambiguousSeeds,mean,sd,halfWidth,ciLow,ciHigh,sign,baselineSign,phase", lines[0]);
        assertEquals("\"t=0.1,psiP=2\",GEN_MEASURED,0.1,3.0,3,0,0,0,-0.123456789012345,,,-0.123456789012345,"
                + "-0.123456789012345,-1,1,REVERSED", lines[1]);
        String b = PhaseTables.boundaryCsv(List.of(new BoundaryPoint("s", "D_gen measured:plusCI", 2, 5, 0.5, 7.25)));
        assertEquals("s,D_gen measured:plusCI,2,5,0.5,7.25", b.split("\n")[1]);
    }
}
