package org.diffsweep.jobs.cli;

/** Entry point of the diffsweep command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("diffsweep");
    }
}
