"""SHACL validation with Apache Jena (a JVM), fed straight from the Oxigraph store.

Why: pySHACL needs the graph in rdflib (30 s to pull 445 k triples out of the store) and then
takes 124 s on it; Jena's engine is ~10x faster. ``graph/jena/CchcShacl.java`` reads the store's
N-Quads dump from a named pipe while Oxigraph writes it (no rdflib, no temporary file),
drops the graph names (the union graph, as pySHACL sees it), validates, and prints one JSON line
per result with the focus node's source file and line already looked up (same rule as
graph.validate.SourceIndex). The class is compiled on first use into a cache folder, with a
class-data-sharing archive that halves the JVM start.

Jena comes from the Debian/Ubuntu package ``libapache-jena-java`` (jars in /usr/share/java, or
$CCHC_JENA_LIB). Two quirks of that packaging are handled here: Debian relocates Jena's bundled
Xerces but leaves its message bundles under ``org/apache/jena/ext/xerces``, so they are copied
out of jena-core.jar onto the class path; Jena 4.5 refuses a shape with more than one
``sh:message``, so Jena gets the shapes with the blank-node shapes named (``urn:x-cchc-shape:N``)
and without messages, except that each SPARQL constraint's one message is its own name (Jena
reports no source constraint for them); the Vietnamese and English messages are filled in here
from the original shapes, as pySHACL does (SPARQL constraints fill ``{?value}``, core
constraints do not).

Results equal pySHACL's (focus, path, value, severity, constraint, shape, messages, source):
checked on the shape fixtures and on the 1 % benchmark store (bench/bench_validate.py --compare).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cchc_kg.graph import validate as v
from cchc_kg.graph.store import ntriples
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

JAVA_SOURCE = Path(__file__).parent / "jena" / "CchcShacl.java"
JENA_JARS = ["jena-base", "jena-core", "jena-arq", "jena-iri", "jena-shacl", "commons-cli", "commons-codec", "commons-compress", "commons-io", "commons-lang3", "commons-csv", "slf4j-api", "slf4j-nop", "jackson-core", "jackson-databind", "jackson-annotations", "gson", "dexx.collection", "thrift", "jsonld-java", "httpclient", "httpcore", "caffeine", "protobuf-java", "commons-collections4", "guava", "failureaccess"]
SKOLEM = "urn:x-cchc-shape:"
LARGE_STORE_GRAPHS = 1000  # from here on the JVM runs long enough for C2 to pay off
SPARQL_COMPONENT = "SPARQLConstraintComponent"


class JenaUnavailable(RuntimeError):
    """No Java runtime or no Jena jars: the caller falls back to pySHACL."""


@dataclass(frozen=True, slots=True)
class JenaSetup:
    java: str
    classpath: str
    cds: Path | None  # class-data-sharing archive, when the JVM could write one


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(os.environ.get("CCHC_JENA_CACHE", Path(base) / "cchc-kg" / "jena"))


def _lib_dir() -> Path:
    return Path(os.environ.get("CCHC_JENA_LIB", "/usr/share/java"))


@lru_cache(maxsize=1)
def setup() -> JenaSetup:
    """Find Java and Jena, compile the validator class (once, cached by source hash).

    Raises JenaUnavailable with the reason when anything is missing or fails.
    """
    java, javac = shutil.which("java"), shutil.which("javac")
    if java is None:
        raise JenaUnavailable("no Java runtime (java) on PATH")
    lib = _lib_dir()
    jars = [lib / f"{name}.jar" for name in JENA_JARS]
    missing = [j.name for j in jars[:5] if not j.exists()]  # the five Jena jars are required
    if missing:
        raise JenaUnavailable(f"Apache Jena not found in {lib} (missing {', '.join(missing)}; apt install libapache-jena-java)")
    source = JAVA_SOURCE.read_bytes()
    key = hashlib.sha256(source + str(lib).encode()).hexdigest()[:16]
    root = _cache_dir() / key
    classes, resources = root / "classes", root / "resources"
    try:
        if not (resources / "xerces").is_dir():
            _extract_xerces_messages(lib / "jena-core.jar", resources)
        # One jar (our class + the Xerces messages): class-data sharing accepts jars only.
        jar = root / "cchc-shacl.jar"
        classpath = ":".join([str(jar), *(str(j) for j in jars if j.exists())])
        if not jar.exists():
            if javac is None:
                raise JenaUnavailable("no Java compiler (javac) to build graph/jena/CchcShacl.java")
            classes.mkdir(parents=True, exist_ok=True)
            proc = subprocess.run([javac, "-nowarn", "-d", str(classes), "-cp", classpath, str(JAVA_SOURCE)],
                                  check=False, capture_output=True, text=True, timeout=300)
            if proc.returncode:
                raise JenaUnavailable(f"could not compile {JAVA_SOURCE.name}: {proc.stderr.strip()[-500:]}")
            _write_jar(jar, classes, resources)
    except OSError as exc:
        raise JenaUnavailable(f"cannot prepare Jena in {root}: {exc}") from exc
    except subprocess.TimeoutExpired as exc:
        raise JenaUnavailable("compiling the Jena validator timed out") from exc
    return JenaSetup(java=java, classpath=classpath, cds=_class_data_archive(java, classpath, root))


def _write_jar(jar: Path, *folders: Path) -> None:
    partial = jar.with_suffix(f".{os.getpid()}.tmp")
    with zipfile.ZipFile(partial, "w") as z:
        for folder in folders:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    z.write(path, path.relative_to(folder).as_posix())
    partial.replace(jar)  # atomic: a concurrent first use never sees half a jar


def _extract_xerces_messages(core_jar: Path, resources: Path) -> None:
    with zipfile.ZipFile(core_jar) as z:
        for name in z.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and not name.endswith((".class", "/")):
                target = resources / name[len("org/apache/jena/ext/"):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(name))
    (resources / "xerces").mkdir(parents=True, exist_ok=True)


def _class_data_archive(java: str, classpath: str, root: Path) -> Path | None:
    """A dynamic CDS archive of the classes one validation loads (JDK 13+): ~1 s less JVM start.
    Made by one run over the shape fixtures' empty data; None if the JVM cannot make one."""
    archive = root / "cchc-shacl.jsa"
    if archive.exists():
        return archive
    try:
        shapes, _ = jena_shapes()
        empty = root / "empty.nt"
        empty.write_text("")
        subprocess.run([java, f"-XX:ArchiveClassesAtExit={archive}", "-cp", classpath, "CchcShacl",
                        "--shapes", str(shapes), str(empty)], check=False, capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return archive if archive.exists() else None


# ---------------------------------------------------------------- shapes and context for Jena


@lru_cache(maxsize=1)
def jena_shapes() -> tuple[Path, dict[str, dict[str, str]]]:
    """shapes/ without sh:message and with named blank-node shapes, written for Jena; and the
    messages ({lang: text}) of every shape or SPARQL constraint, keyed by the name Jena sees."""
    original = v.shapes_graph()
    nodes = {n for n in set(original.subjects(SH.path)) | set(original.subjects(SH.select))
             | set(original.subjects(SH.message)) if isinstance(n, BNode)}

    def key(node: BNode) -> tuple[str, ...]:  # a stable order (blank node ids change per parse)
        parents = sorted(str(s) for s in original.subjects(None, node) if not isinstance(s, BNode))
        own = sorted(f"{p} {o}" for p, o in original.predicate_objects(node) if not isinstance(o, BNode))
        return (*parents, *own)

    names = {node: URIRef(f"{SKOLEM}{i}") for i, node in enumerate(sorted(nodes, key=key))}
    out = Graph()
    messages: dict[str, dict[str, str]] = {}
    for s, p, o in original:
        if p == SH.message:
            key = str(names.get(s, s))
            if isinstance(o, Literal):
                messages.setdefault(key, {}).setdefault(o.language or "en", str(o))
            continue
        out.add((names.get(s, s), p, names.get(o, o)))
    # Jena names no SPARQL constraint in its results: its one message carries the constraint's key.
    for constraint in set(original.objects(None, SH.sparql)):
        out.add((names.get(constraint, constraint), SH.message, Literal(str(names.get(constraint, constraint)))))
    text = ntriples.triples(out)
    path = _cache_dir() / "shapes" / f"{hashlib.sha256(text.encode()).hexdigest()[:16]}.nt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path, messages


@lru_cache(maxsize=1)
def context_file() -> Path:
    """graph.validate.context_graph (SKOS schemes, class hierarchy) as N-Triples for Jena."""
    text = ntriples.triples(v.context_graph())
    path = _cache_dir() / "context" / f"{hashlib.sha256(text.encode()).hexdigest()[:16]}.nt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- running


def validate_store(store, *, graph: URIRef | None = None, timeout: float = 3600.0) -> v.ValidationReport:
    """Validate the store's union graph (or one named graph) with Jena.

    Only the triples the shapes read (graph.validate.shape_predicates) are pulled out: an
    embedded Oxigraph store serialises them into a named pipe that Java parses while it is
    written; any other store (in memory, remote) goes through
    graph.validate.store_graph and N-Triples. Raises JenaUnavailable when Java or Jena are
    missing, ShapesError when Jena fails.
    """
    scope = "union" if graph is None else str(graph)
    native = getattr(store, "native", None)
    if native is None or not hasattr(native, "query"):
        text = ntriples.triples(v.store_graph(store, graph, only_shape_data=True)).encode("utf-8")

        def write_text(path: str) -> None:
            with open(path, "wb") as fh:
                fh.write(text)

        return _run(write_text, suffix=".nt", scope=scope, timeout=timeout)
    import pyoxigraph as ox

    predicates = v.shape_predicates()

    def dump(path: str) -> None:
        # Through a Python file: Oxigraph's own file output syncs at the end, which a pipe refuses.
        with open(path, "wb", buffering=1 << 20) as fh:
            if predicates is None and graph is None:
                native.dump(fh, format=ox.RdfFormat.N_QUADS)
            elif predicates is None:
                native.dump(fh, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph)))
            else:  # only what the shapes read, serialised by Oxigraph itself
                triples = native.query(v.data_query(graph, predicates=predicates), use_default_graph_as_union=True)
                try:
                    triples.serialize(fh, format=ox.RdfFormat.N_TRIPLES)
                finally:
                    del triples  # pyoxigraph results must be freed on the thread that made them

    large = graph is None and len(store.graphs()) >= LARGE_STORE_GRAPHS
    return _run(dump, suffix=".nq" if graph is None and predicates is None else ".nt", scope=scope,
                timeout=timeout, large=large)


def validate_file(path: Path, *, scope: str = "union", timeout: float = 3600.0) -> v.ValidationReport:
    """Validate an N-Quads (.nq) / N-Triples (.nt) / Turtle file (graph names dropped) with Jena."""
    return _run(None, suffix=str(path), scope=scope, timeout=timeout)


def validate_ntriples(data: bytes, *, scope: str = "union", timeout: float = 3600.0) -> v.ValidationReport:
    """Validate N-Triples held in memory (graph.validate_cache's views of a few focus nodes)."""

    def write(path: str) -> None:
        with open(path, "wb") as fh:
            fh.write(data)

    return _run(write, suffix=".nt", scope=scope, timeout=timeout)


def _run(write, *, suffix: str, scope: str, timeout: float, large: bool = False) -> v.ValidationReport:
    """Run Java on the data ``write(path)`` produces (into a named pipe where the OS has them,
    else a temporary file written first), or on the file ``suffix`` when ``write`` is None."""
    started = time.perf_counter()
    js = setup()
    shapes, messages = jena_shapes()
    # Heap capped below the 6 GiB a process may use here (the national graph needs 2.5-3.1 GiB).
    # Small runs: C1 only and the serial collector (1 % store: 5.3 s of CPU instead of 8.6 s,
    # C2 compiling costs more than it saves in seconds). Long runs need C2: on the national
    # graph C1-only took 183 s of Java CPU for 3.4 M triples, C2 134 s for 4.7 M.
    cmd = [js.java, "-Xmx5g", "-Xss8m"]
    cmd += ["-XX:+UseParallelGC"] if large else ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
    if js.cds is not None:
        cmd.append(f"-XX:SharedArchiveFile={js.cds}")
    with tempfile.TemporaryDirectory(prefix="cchc-shacl-") as tmp, tempfile.TemporaryFile() as errlog:
        data = suffix if write is None else os.path.join(tmp, "data" + suffix)
        piped = write is not None and hasattr(os, "mkfifo")
        if piped:
            os.mkfifo(data)
        elif write is not None:
            write(data)
        cmd += ["-cp", js.classpath, "CchcShacl", "--shapes", str(shapes), str(context_file()), data]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errlog)
        except OSError as exc:
            raise JenaUnavailable(f"cannot start Java: {exc}") from exc
        lines: list[bytes] = []
        reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
        reader.start()
        failed: list[str] = []
        writer = None
        if piped:
            writer = threading.Thread(target=_guarded, args=(write, data, failed), daemon=True)
            writer.start()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            proc.kill()
            raise v.ShapesError(f"Jena validation did not finish in {timeout:.0f} s") from exc
        finally:
            if writer is not None:
                _release(data, writer)
        reader.join()
        if proc.returncode:
            errlog.seek(0)
            tail = errlog.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise v.ShapesError(f"Jena validation failed (exit {proc.returncode}): {' '.join(tail)}")
        if failed:
            raise v.ShapesError(f"could not stream the store to Jena: {failed[0]}")
    return _report(lines, messages, scope=scope, started=started)


def _guarded(write, path: str, failed: list[str]) -> None:
    try:
        write(path)
    except Exception as exc:  # noqa: BLE001 - reported by the caller once Java has exited
        failed.append(str(exc))  # the text only: the traceback holds thread-bound Oxigraph objects


def _release(fifo: str, writer: threading.Thread) -> None:
    """If Java exited without reading the pipe, the writer still waits for a reader: open and
    close the read end so that it fails with a broken pipe instead of waiting forever."""
    writer.join(timeout=0.5)
    while writer.is_alive():
        try:
            fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass
        writer.join(timeout=0.5)


def _report(lines: list[bytes], messages: dict[str, dict[str, str]], *, scope: str, started: float) -> v.ValidationReport:
    if not lines or b'"done"' not in lines[-1]:
        raise v.ShapesError("Jena validation ended without its summary line")
    summary = json.loads(lines[-1])
    short = _Shortener()
    results = []
    for raw in lines[:-1]:
        r = json.loads(raw)
        severity = r["s"] if r["s"] in ("Violation", "Warning", "Info") else "Violation"
        component = r["c"]
        owner = (r.get("m") or r["sc"]) if component == SPARQL_COMPONENT else r["sh"]
        msgs = messages.get(owner or "", {})
        vi, en = msgs.get("vi", ""), msgs.get("en", "")
        if component == SPARQL_COMPONENT and r["v"] is not None:
            vi, en = _fill(vi, r["v"]), _fill(en, r["v"])
        path = r["p"]
        shape = r["sh"]
        results.append(v.ValidationResult(
            focus=r["f"], severity=severity, message_vi=vi, message_en=en,
            path=short.path(path) if path is not None else None, value=r["v"],
            source=r["src"], line=r["ln"],
            shape=short.iri(shape) if shape and not shape.startswith(("_:", SKOLEM)) else None,
            constraint=component,
        ))
    results.sort(key=v.result_order)
    conforms = not any(r.severity == "Violation" for r in results)
    return v.ValidationReport(
        conforms=conforms, results=results, data_triples=int(summary.get("triples", 0)),
        seconds=time.perf_counter() - started, scope=scope, engine="jena",
        timings={**{k: t[0] for k, t in summary.get("timings", {}).items()},
                 **{f"{k}_cpu": t[1] for k, t in summary.get("timings", {}).items()}},
    )


def _fill(template: str, value: str) -> str:
    """pySHACL's substitution of ``{?value}`` / ``{$value}`` in a SPARQL constraint's message."""
    return template.replace("{?value}", value).replace("{$value}", value)


class _Shortener:
    """Prefixed names as graph.validate._short writes them (the shapes' prefixes)."""

    def __init__(self) -> None:
        self._nm = v.report_namespaces()
        self._cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        if iri not in self._cache:
            self._cache[iri] = v.short_iri(self._nm, URIRef(iri))
        return self._cache[iri]

    def path(self, path: str) -> str:
        if path.startswith("^"):
            return "^" + self.iri(path[1:])
        return path if path == "(path)" else self.iri(path)


def available() -> str | None:
    """None when the Jena engine can run, else the reason it cannot."""
    try:
        setup()
    except JenaUnavailable as exc:
        return str(exc)
    return None


__all__ = ["JenaUnavailable", "available", "context_file", "jena_shapes", "setup", "validate_file", "validate_ntriples", "validate_store"]
