package imitation.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saving and loading network policies by Java serialisation; loading accepts only the library's own classes,
 * Java's collections and arrays of primitives, so a file cannot make the loader build arbitrary objects.
 */
final class PolicyFiles {
    private PolicyFiles() {}

    static void save(Serializable policy, Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file is null; pass a path such as Path.of(\"policy.bin\")");
        }
        try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(policy);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the policy to " + file + ": " + e.getMessage(), e);
        }
    }

    static <T> T load(Path file, Class<T> type) {
        String kind = type.getSimpleName();
        if (file == null) {
            throw new IllegalArgumentException("file is null; pass the path a policy was saved to");
        }
        try (InputStream in = Files.newInputStream(file); ObjectInputStream o = new ObjectInputStream(in)) {
            o.setObjectInputFilter(PolicyFiles::allowed);
            Object read = o.readObject();
            if (!type.isInstance(read)) {
                throw new IllegalArgumentException(file + " holds a " + read.getClass().getName()
                        + ", not a policy saved with " + kind + ".save");
            }
            return type.cast(read);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a policy from " + file + " (" + e.getMessage()
                    + "); pass a file written by " + kind + ".save with this library version", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(file + " names a class this library does not have (" + e.getMessage()
                    + "); it was written by another version", e);
        }
    }

    private static ObjectInputFilter.Status allowed(ObjectInputFilter.FilterInfo info) {
        Class<?> c = info.serialClass();
        if (c == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        String name = c.getName();
        boolean ok = c.isPrimitive() || name.startsWith("imitation.") || name.startsWith("java.lang.")
                || name.startsWith("java.util.ImmutableCollections") || name.equals("java.util.CollSer")
                || name.startsWith("java.lang.Enum");
        return ok ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
    }
}
