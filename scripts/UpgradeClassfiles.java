import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Rewrites the pre-Java-6 class files (major version below 50) in the jars of a directory as Java 8 class files
 * with stack maps, in place. JDK 25's AOT cache (JEP 483/514) stores no class older than 50, so picocli 4.x (built
 * for Java 5) would otherwise be loaded, verified and linked anew on every start. Java 8 keeps what the jar runs
 * on and uses only the type-checking verifier, which is what the cache archives.
 *
 * <p>The launcher {@code ./portolan} runs it with the source launcher before it records the cache:
 * {@code java scripts/UpgradeClassfiles.java portolan-cli/target/lib}. A jar with no old class file is not
 * touched (the cache checks its timestamp); a jar that cannot be upgraded is left as it was, with a warning on
 * stderr and exit code 1, since the upgrade only makes starts faster.
 */
public final class UpgradeClassfiles {
    private static final int TARGET_MAJOR = ClassFile.JAVA_8_VERSION;
    private static final int OLDEST_ARCHIVED_MAJOR = ClassFile.JAVA_6_VERSION;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java UpgradeClassfiles.java DIRECTORY_OF_JARS");
            System.exit(2);
        }
        List<Path> jars;
        try (var files = Files.list(Path.of(args[0]))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        int status = 0;
        for (Path jar : jars) {
            try {
                int upgraded = upgrade(jar);
                if (upgraded > 0) {
                    System.out.println("upgraded " + upgraded + " class files of " + jar.getFileName()
                            + " to Java " + (TARGET_MAJOR - 44));
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("warning: " + jar.getFileName() + " left as it was: " + e);
                status = 1;
            }
        }
        System.exit(status);
    }

    /** Rewrites the jar if it holds old class files; returns how many were rewritten (0: jar untouched). */
    static int upgrade(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, ZipEntry> meta = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
                meta.put(e.getName(), e);
            }
        }
        List<String> old = new ArrayList<>();
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".class") && !name.startsWith("META-INF/") && major(bytes) < OLDEST_ARCHIVED_MAJOR) {
                old.add(name);
            }
        });
        if (old.isEmpty()) {
            return 0;
        }
        if (entries.keySet().stream().anyMatch(n -> n.startsWith("META-INF/") && n.endsWith(".SF"))) {
            throw new IOException("signed jar");
        }
        // Stack maps need the common supertype of merged branches: the jar's own classes, then the JDK's.
        ClassHierarchyResolver resolver = ClassHierarchyResolver.defaultResolver()
                .orElse(ClassHierarchyResolver.ofResourceParsing(desc -> classBytes(entries, desc)))
                .cached();
        ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver),
                ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
        ClassTransform toTarget = (builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.withVersion(TARGET_MAJOR, 0);
            } else {
                builder.with(element);
            }
        };
        // Every method body goes through a code builder, so that its stack map table is computed.
        ClassTransform transform = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL).andThen(toTarget);
        for (String name : old) {
            byte[] upgraded = cf.transformClass(cf.parse(entries.get(name)), transform);
            var errors = cf.verify(upgraded);
            if (!errors.isEmpty()) {
                throw new IOException(name + " does not verify once upgraded: " + errors.getFirst().getMessage());
            }
            entries.put(name, upgraded);
        }
        // Written beside the jar and moved over it in one step: a JVM starting meanwhile sees one or the other.
        Path tmp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        try {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp))) {
                for (var e : entries.entrySet()) {
                    JarEntry copy = new JarEntry(e.getKey());
                    copy.setTime(meta.get(e.getKey()).getTime());
                    out.putNextEntry(copy);
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
            } catch (UnsupportedOperationException notPosix) {
                // the temporary file's default permissions are fine there
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return old.size();
    }

    private static int major(byte[] classFile) {
        return classFile.length < 8 ? Integer.MAX_VALUE : ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static InputStream classBytes(Map<String, byte[]> entries, ClassDesc desc) {
        String descriptor = desc.descriptorString();
        byte[] bytes = entries.get(descriptor.substring(1, descriptor.length() - 1) + ".class");
        return bytes == null ? null : new java.io.ByteArrayInputStream(bytes);
    }
}
