package imitation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Wall-clock time of {@code bin/notebooks --execute 00} in full mode, kernel start included. */
final class NotebookBench implements BenchSuite {

    @Override
    public List<Row> run(boolean fast) {
        Path root = Path.of(System.getProperty("imitation.root", ".")).toAbsolutePath().normalize();
        Path script = root.resolve("bin/notebooks");
        if (!Files.isExecutable(script)) {
            return List.of(new Row("notebook", "00 in full mode (bin/notebooks not found at " + root + ")", Double.NaN, "s", "<= 60 s"));
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(script.toString(), "--execute", "--no-build", "00").directory(root.toFile())
                    .inheritIO();
            pb.environment().remove("IMITATION_FAST");
            long start = System.nanoTime();
            int code = pb.start().waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            return List.of(new Row("notebook", "00 setup and tour, full mode, kernel start included" + (code == 0 ? "" : " (FAILED)"),
                    code == 0 ? seconds : Double.NaN, "s", "<= 60 s"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
