// SHACL validation of the cchc-kg graph with Apache Jena, driven by graph/validate_jena.py.
//
// Why a class of our own instead of Jena's `shacl` command: the command loads the data through
// the checking RDF parser into a dataset and prints the report as Turtle; this class streams the
// store's N-Quads dump (a named pipe Oxigraph writes while we read, a file, or stdin) into one in-memory
// graph (graph names dropped: the union graph, duplicates merged), validates it, and prints one
// JSON line per result with the focus node's source file and line already looked up, which is
// what the Python side needs and far cheaper than a report graph of millions of triples.
//
//   java -cp <jena jars>:<dir> CchcShacl --shapes SHAPES.ttl [--profile SHAPE.ttl ...]
//        [--report REPORT.ttl] DATA...      (DATA: .nq/.nt/.ttl files, or - for N-Quads on stdin)
//
// stdout: one JSON object per result {"s","f","p","v","sh","c","sc","m","src","ln"}, then a last
// line {"done":true,...} with triple count and timings (wall and CPU seconds per phase).
// With --profile, each listed shapes file is validated alone against the same data and its
// time printed instead of results ({"profile":file,"seconds":..,"results":..}).
// Exit codes: 0 done (whatever the results), 2 bad arguments, unreadable shapes or data.

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.P_Inverse;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.sparql.path.Path;
import org.apache.jena.util.iterator.ExtendedIterator;

public final class CchcShacl {
    private static final String CCHC = "https://w3id.org/cchc-kg/ontology#";
    private static final String ELI = "http://data.europa.eu/eli/ontology#";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CchcShacl() {}

    public static void main(String[] args) throws Exception {
        String shapesPath = null;
        String reportPath = null;
        List<String> profile = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shapes" -> shapesPath = args[++i];
                case "--report" -> reportPath = args[++i];
                case "--profile" -> profile.add(args[++i]);
                default -> data.add(args[i]);
            }
        }
        if (shapesPath == null) {
            System.err.println("usage: CchcShacl --shapes SHAPES.ttl [--profile SHAPE.ttl] [--report OUT.ttl] DATA...");
            System.exit(2);
        }
        PrintStream out = new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        Map<String, double[]> timings = new HashMap<>();
        long[] clock = start();
        Shapes shapes;
        try {
            shapes = Shapes.parse(RDFDataMgr.loadGraph(shapesPath));
        } catch (RuntimeException exc) {
            System.err.println("cannot read the shapes " + shapesPath + ": " + exc.getMessage());
            System.exit(2);
            return;
        }
        timings.put("shapes", lap(clock));
        Graph graph = GraphFactory.createGraphMem();
        try {
            for (String path : data) {
                load(graph, path);
            }
        } catch (RuntimeException exc) {
            System.err.println("cannot read the data: " + exc.getMessage());
            System.exit(2);
            return;
        }
        timings.put("load", lap(clock));
        if (!profile.isEmpty()) {
            for (String path : profile) {
                Shapes one = Shapes.parse(RDFDataMgr.loadGraph(path));
                long[] c = start();
                ValidationReport r = ShaclValidator.get().validate(one, graph);
                double[] t = lap(c);
                out.printf("{\"profile\":%s,\"seconds\":%.3f,\"cpu\":%.3f,\"results\":%d}%n",
                        json(path), t[0], t[1], r.getEntries().size());
            }
            out.flush();
            return;
        }
        ValidationReport report = ShaclValidator.get().validate(shapes, graph);
        timings.put("validate", lap(clock));
        Locator locator = new Locator(graph);
        StringBuilder line = new StringBuilder(512);
        for (ReportEntry e : report.getEntries()) {
            line.setLength(0);
            line.append("{\"s\":").append(json(local(e.severity().level())));
            line.append(",\"f\":").append(json(term(e.focusNode())));
            line.append(",\"p\":").append(json(path(e.resultPath())));
            line.append(",\"v\":").append(json(e.value() == null ? null : lexical(e.value())));
            line.append(",\"sh\":").append(json(term(e.source())));
            line.append(",\"c\":").append(json(local(e.sourceConstraintComponent())));
            line.append(",\"sc\":").append(json(term(e.sourceConstraint())));
            line.append(",\"m\":").append(json(e.message()));
            String[] where = locator.locate(e.focusNode());
            line.append(",\"src\":").append(json(where == null ? null : where[0]));
            line.append(",\"ln\":").append(where == null || where[1] == null ? "null" : where[1]);
            line.append('}');
            out.append(line).append('\n');
        }
        timings.put("report", lap(clock));
        if (reportPath != null) {
            try (OutputStream os = new FileOutputStream(reportPath)) {
                RDFDataMgr.write(os, report.getModel(), RDFFormat.TURTLE_BLOCKS);
            }
            timings.put("report_graph", lap(clock));
        }
        StringBuilder done = new StringBuilder("{\"done\":true,\"triples\":").append(graph.size())
                .append(",\"conforms\":").append(report.conforms()).append(",\"timings\":{");
        boolean first = true;
        for (Map.Entry<String, double[]> t : timings.entrySet()) {
            done.append(first ? "" : ",").append(json(t.getKey()))
                    .append(String.format(":[%.3f,%.3f]", t.getValue()[0], t.getValue()[1]));
            first = false;
        }
        out.append(done).append("}}\n");
        out.flush();
    }

    /** Stream one file (or named pipe) into the graph; graph names are dropped (union graph). */
    private static void load(Graph graph, String path) {
        Lang lang = path.endsWith(".nt") ? Lang.NTRIPLES : path.endsWith(".ttl") ? Lang.TURTLE : Lang.NQUADS;
        RDFParser parser = path.equals("-")
                ? RDFParser.create().source(new java.io.BufferedInputStream(System.in, 1 << 20)).lang(Lang.NQUADS).checking(false).build()
                : RDFParser.create().source(path).lang(lang).checking(false).build();
        parser.parse(new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                graph.add(t);
            }

            @Override
            public void quad(Quad q) {
                graph.add(q.asTriple());
            }
        });
    }

    /**
     * Where a focus node comes from, as graph/validate.py's SourceIndex: its own cchc:sourceFile
     * and cchc:sourceLine, else (in this order of relations) the document it belongs to, the
     * citation citing it, the task / document / unit naming it; among several candidates of one
     * relation the smallest (file, line), so that both engines agree.
     */
    private static final class Locator {
        private final Graph g;
        private final Node file = NodeFactory.createURI(CCHC + "sourceFile");
        private final Node line = NodeFactory.createURI(CCHC + "sourceLine");
        private final Node[][] forward = {{uri(CCHC + "inDocument"), uri(CCHC + "citingDocument")}};
        private final Node[][] backward = {
            {uri(CCHC + "citedDocument")},
            {uri(CCHC + "leadUnit"), uri(CCHC + "coordinatingUnit"), uri(CCHC + "adminUnit"),
             uri(ELI + "passed_by"), uri(CCHC + "parentUnit")},
        };
        private final Map<Node, String[]> cache = new HashMap<>();

        Locator(Graph g) {
            this.g = g;
        }

        String[] locate(Node n) {
            if (n == null) {
                return null;
            }
            return cache.computeIfAbsent(n, this::find);
        }

        private String[] find(Node n) {
            String[] own = own(n);
            if (own != null) {
                return own;
            }
            String[] best = bestOf(n, forward[0], true);
            if (best != null) {
                return best;
            }
            for (Node[] preds : backward) {
                best = bestOf(n, preds, false);
                if (best != null) {
                    return best;
                }
            }
            return null;
        }

        private String[] bestOf(Node n, Node[] preds, boolean isForward) {
            String[] best = null;
            for (Node p : preds) {
                ExtendedIterator<Triple> it = isForward ? g.find(n, p, Node.ANY) : g.find(Node.ANY, p, n);
                try {
                    while (it.hasNext()) {
                        Triple t = it.next();
                        String[] c = own(isForward ? t.getObject() : t.getSubject());
                        if (c != null && (best == null || before(c, best))) {
                            best = c;
                        }
                    }
                } finally {
                    it.close();
                }
            }
            return best;
        }

        private static boolean before(String[] a, String[] b) {
            int c = a[0].compareTo(b[0]);
            if (c != 0) {
                return c < 0;
            }
            long la = a[1] == null ? 0 : Long.parseLong(a[1]);
            long lb = b[1] == null ? 0 : Long.parseLong(b[1]);
            return la < lb;
        }

        private String[] own(Node n) {
            if (n.isLiteral()) {
                return null;
            }
            Node f = first(n, file);
            if (f == null || !f.isLiteral()) {
                return null;
            }
            Node l = first(n, line);
            String lv = null;
            if (l != null && l.isLiteral() && l.getLiteralLexicalForm().matches("[0-9]{1,18}")) {
                lv = l.getLiteralLexicalForm();
            }
            return new String[] {f.getLiteralLexicalForm(), lv};
        }

        private Node first(Node s, Node p) {
            ExtendedIterator<Triple> it = g.find(s, p, Node.ANY);
            try {
                return it.hasNext() ? it.next().getObject() : null;
            } finally {
                it.close();
            }
        }

        private static Node uri(String iri) {
            return NodeFactory.createURI(iri);
        }
    }

    private static String path(Path p) {
        if (p == null) {
            return null;
        }
        if (p instanceof P_Link link) {
            return link.getNode().getURI();
        }
        if (p instanceof P_Inverse inv && inv.getSubPath() instanceof P_Link link) {
            return "^" + link.getNode().getURI();
        }
        return "(path)";
    }

    private static String term(Node n) {
        if (n == null) {
            return null;
        }
        if (n.isURI()) {
            return n.getURI();
        }
        if (n.isBlank()) {
            return "_:" + n.getBlankNodeLabel();
        }
        return n.getLiteralLexicalForm();
    }

    private static String lexical(Node n) {
        return n.isLiteral() ? n.getLiteralLexicalForm() : term(n);
    }

    private static String local(Node n) {
        if (n == null) {
            return null;
        }
        String s = n.isURI() ? n.getURI() : n.toString();
        int i = Math.max(s.lastIndexOf('#'), s.lastIndexOf('/'));
        return s.substring(i + 1);
    }

    private static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static long[] start() {
        return new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()};
    }

    /** Seconds (wall, CPU of this thread) since the clock was last read; restarts the clock. */
    private static double[] lap(long[] clock) {
        long now = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        double[] t = {(now - clock[0]) / 1e9, (cpu - clock[1]) / 1e9};
        clock[0] = now;
        clock[1] = cpu;
        return t;
    }
}
