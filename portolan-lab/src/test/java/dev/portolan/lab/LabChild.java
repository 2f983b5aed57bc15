package dev.portolan.lab;

/**
 * A JVM that builds a lab and then either exits without closing it ("exit": the shutdown hook must clean up) or
 * waits to be killed ("wait": cleanupStale must clean up). Prints "NAMESPACES n1 n2 ..." once the lab is up.
 */
public final class LabChild {
    private LabChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Lab lab = Lab.start(LabHost.builder("child").listen(7).drop(9).build());
        System.out.println("NAMESPACES " + String.join(" ", lab.namespaces()));
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0);
        }
        // stay up until the test kills this JVM
        Thread.sleep(Long.MAX_VALUE);
    }
}
