package io.givefirst.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Code a newcomer reads in one sitting: no production source file over 250 lines, no method over 40 (the
 * benchmark module included). Methods are found by the JDK's own parser, so a brace in a string cannot fool it; a
 * method's lines run from its first annotation or modifier to its closing brace.
 */
class CodeSizeTest {
    private static final int FILE_LINES = 250;
    private static final int METHOD_LINES = 40;

    @Test
    void noProductionFileIsOver250LinesAndNoMethodOver40() throws IOException {
        List<Path> sources = productionSources();
        assertThat(sources).as("the modules' production sources").hasSizeGreaterThan(100);
        List<String> tooLong = new ArrayList<>();
        for (Path source : sources) {
            long lines = Files.readString(source).lines().count();
            if (lines > FILE_LINES) {
                tooLong.add(source + ": " + lines + " lines");
            }
        }
        tooLong.addAll(longMethods(sources));
        assertThat(tooLong).as("files over %d lines, methods over %d", FILE_LINES, METHOD_LINES).isEmpty();
    }

    private static List<Path> productionSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        return sources;
    }

    private static List<String> longMethods(List<Path> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> found = new ArrayList<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null, units);
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        long start = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, method));
                        long end = unit.getLineMap().getLineNumber(positions.getEndPosition(unit, method));
                        if (end - start + 1 > METHOD_LINES) {
                            ClassTree owner = (ClassTree) getCurrentPath().getParentPath().getLeaf();
                            found.add(unit.getSourceFile().getName() + ": " + owner.getSimpleName() + "."
                                    + method.getName() + " is " + (end - start + 1) + " lines");
                        }
                        return super.visitMethod(method, unused);
                    }
                }.scan(unit, null);
            }
        }
        return found;
    }
}
