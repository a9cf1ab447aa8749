"""The ``cchc-kg`` command line (contract: ../shared/design/contract.md).

Exit codes follow pySHACL's convention: 0 success / conforms, 1 violations found (validate,
check) or some input files failed (ingest), 2 usage or system error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from cchc_kg.graph import queries as named_queries
from cchc_kg.graph import results as fmt
from cchc_kg.graph.errors import QueryError, StoreError
from cchc_kg.graph.store import default_store_path, open_store
from cchc_kg.graph.store.base import EXPORT_FORMATS, SelectResult
from cchc_kg.graph.store.bulk import clear_if_reloaded, interrupted_files, marker_path
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(
    name="cchc-kg",
    help=(
        "Knowledge graph of Vietnamese public-administration-reform (CCHC) plans: ingest plans, "
        "query them with named SPARQL queries, validate and check them across levels, export RDF, "
        "serve a lookup API.\n\nThe store defaults to ./cchc-store (or $CCHC_STORE): an embedded "
        "on-disk Oxigraph store, no server needed. Use --store memory: for a throw-away store."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)  # never break file names or messages
out = Console(width=max(Console().width, 140))  # wide enough for the summary table when piped

StoreOpt = Annotated[
    str | None,
    typer.Option("--store", "-s", help="Store folder (embedded Oxigraph), memory:, or a SPARQL endpoint URL. Default: ./cchc-store or $CCHC_STORE."),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _open_store(location: str | None):
    """Open the store or exit with code 2 and the reason (every command's first step)."""
    try:
        st = open_store(location)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    files = interrupted_files(st)
    if files is not None:
        err.print(f"[yellow]warning:[/] a bulk ingest into this store was interrupted: some of its "
                  f"{len(files)} documents may be partly written; ingest those files again "
                  f"(each graph is replaced whole) — listed in {marker_path(st)}")
    return st


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Plan files (.txt, .md) or folders to ingest.")],
    store: StoreOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    no_link: Annotated[bool, typer.Option("--no-link", help="Do not recompute cross-level links after loading.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract in N worker processes (default 1).")] = 1,
) -> None:
    """Ingest plan documents: extract metadata, citations, targets, tasks and units.

    Each document goes into its own named graph, atomically: re-ingesting a file replaces
    what it said; a file that fails leaves the store as it was. Exit 1 if any file failed.
    Then links (see `link`) the loaded documents and those whose scope they enter (lower
    plans of the same province, documents citing them), unless --no-link.
    """
    from cchc_kg.graph.loader import discover, load_files

    files, problems = discover(paths)
    st = _open_store(store)
    try:
        empty = not st.graphs()  # nothing ingested before: graphs written in bulk, every document linked
        fresh = not no_link and empty
        with Progress(
            TextColumn("[bold]ingest[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=err, disable=quiet or not files, transient=True,
        ) as progress:
            task = progress.add_task("", total=len(files))

            def done(o) -> None:
                progress.update(task, advance=1, description=o.path.name)

            report = load_files(st, files, on_done=done, jobs=jobs, items=not no_link, bulk=empty)
        clear_if_reloaded(st, [o.path.name for o in report.loaded])
        linked = None if no_link else _link_after_ingest(st, report, fresh=fresh, jobs=jobs)
    finally:
        st.close()
    report.outcomes[:0] = problems
    for o in report.failed:
        err.print(f"[red]✗[/] {o.path}: {o.error}")
    if not quiet:
        _print_summary(report)
        if linked:
            out.print(f"linked {len(linked.linked)} documents in {linked.seconds:.1f} s")
    if not files and not problems:
        raise _fail("no plan files found (looked for .txt and .md)", 1)
    if report.failed:
        raise typer.Exit(1)


def _link_after_ingest(st, report, *, fresh: bool, jobs: int):
    """Link what was just loaded (loader.link_loaded: items from the ingest workers, every
    document when the store was empty before, ``jobs`` scoring processes as for extraction);
    a linking failure is reported but never undoes the ingest."""
    from cchc_kg.graph.loader import link_loaded

    try:
        return link_loaded(st, report, fresh=fresh, jobs=jobs)
    except (QueryError, StoreError) as exc:
        err.print(f"[yellow]warning:[/] documents loaded, but linking failed: {exc} (run `cchc-kg link`)")
        return None


def _print_summary(report) -> None:
    table = Table(title="cchc-kg ingest", show_lines=False)
    for col in ("file", "style", "number", "level", "citations", "targets", "tasks", "units", "triples"):
        table.add_column(col, justify="right" if col in {"citations", "targets", "tasks", "units", "triples"} else "left")
    for o in report.loaded:
        r = o.result
        d = r.document
        table.add_row(
            o.path.name, r.text_style, d.number or "—", d.level or "—", str(len(r.citations)),
            str(len(r.targets)), str(len(r.tasks)), str(len(r.units)), str(o.triples),
        )
    out.print(table)
    out.print(f"{len(report.loaded)} loaded, {len(report.failed)} failed")


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="A named query (see `cchc-kg queries`) or a path to a .rq file.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="Parameter as NAME=VALUE; repeatable.")] = None,
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json (W3C SPARQL results formats).")] = "table",
) -> None:
    """Run a named SPARQL query with its parameters bound safely."""
    if format not in ("table", "csv", "tsv", "json"):
        raise _fail(f"unknown format {format!r}; choose table, csv, tsv or json")
    try:
        q = named_queries.load(name)
        values = {}
        for p in param or []:
            if "=" not in p:
                raise QueryError(f"parameter {p!r} must look like NAME=VALUE")
            k, v = p.split("=", 1)
            values[k.strip()] = v
        bindings = q.bind(values)
        st = _open_store(store)
    except (QueryError, StoreError) as exc:
        raise _fail(str(exc)) from exc
    try:
        result = st.query(q.text, bindings=bindings)
    except QueryError as exc:
        raise _fail(str(exc)) from exc
    finally:
        st.close()
    if isinstance(result, bool):
        sys.stdout.write(fmt.boolean_json(result) + "\n" if format == "json" else f"{result}\n")
        return
    if not isinstance(result, SelectResult):
        sys.stdout.write(result.serialize(format="turtle"))
        return
    if not _write_machine_format(result, format):
        table = Table(*result.variables, title=q.title or q.name)
        for row in result.rows:
            table.add_row(*[fmt.plain(v) for v in row])
        out.print(table)
        out.print(f"{len(result.rows)} rows")


def _write_machine_format(result: SelectResult, format: str) -> bool:
    """Write a W3C results format (csv, tsv, json) to stdout; False for the human table."""
    writers = {"csv": fmt.to_csv, "tsv": fmt.to_tsv, "json": lambda r: fmt.to_json(r) + "\n"}
    if format not in writers:
        return False
    sys.stdout.write(writers[format](result))
    return True


@app.command("queries")
def list_queries() -> None:
    """List the named queries with their parameters and columns."""
    table = Table("name", "category", "parameters", "columns", "summary")
    for q in named_queries.catalogue().values():
        table.add_row(
            q.name, q.category, ", ".join(f"{p.name} ({p.type})" for p in q.params),
            ", ".join(q.columns), q.summary_en,
        )
    out.print(table)


@app.command()
def export(
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="ttl, nt, nq, trig or jsonld.")] = "ttl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file (default: standard output).")] = None,
) -> None:
    """Export the whole graph (nq/trig keep one named graph per document)."""
    if format not in EXPORT_FORMATS:
        raise _fail(f"unknown format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    st = _open_store(store)
    try:
        if output is None:
            st.export(sys.stdout.buffer, fmt=format)
        else:
            tmp = output.with_name(output.name + ".part")
            with tmp.open("wb") as fh:
                st.export(fh, fmt=format)
            tmp.replace(output)
            err.print(f"wrote {output}")
    finally:
        st.close()


@app.command()
def check(
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or csv (columns: check, severity, focus, source, line, message).")] = "text",
    only: Annotated[list[str] | None, typer.Option("--only", help="Run only this check (repeatable); names as in queries/checks/ without -violation.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the messages: vi or en.")] = "vi",
) -> None:
    """Cross-level consistency checks (queries/checks/*-violation.rq).

    Exit 0 when nothing worse than Info is found, 1 when there are Violations or Warnings,
    2 on error.
    """
    from cchc_kg.graph import checks

    if format not in ("text", "json", "csv") or lang not in ("vi", "en"):
        raise _fail("--format must be text, json or csv and --lang vi or en")
    st = _open_store(store)
    try:
        report = checks.run_checks(st, only=only)
    except QueryError as exc:
        raise _fail(str(exc)) from exc
    finally:
        st.close()
    if format == "csv":
        sys.stdout.write(checks.to_csv(report, lang=lang))
    elif format == "json":
        sys.stdout.write(checks.to_json(report) + "\n")
    else:
        sys.stdout.write(checks.to_text(report, lang=lang))
    raise typer.Exit(0 if report.conforms else 1)


@app.command()
def link(
    sources: Annotated[list[str] | None, typer.Argument(help="Source file names to (re)link; default: every document.")] = None,
    store: StoreOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary table.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Score in N worker processes, a province's communes per batch (default 1).")] = 1,
) -> None:
    """Recompute cross-level links: cited plans resolved, plan-to-plan links, target alignment,
    task-to-target links (one link graph per document, replaced on each run).

    `ingest` already links the documents it loads and those whose scope they enter; run this
    after changing linking parameters or vocabulary.
    """
    from cchc_kg.graph.link.run import link_store

    st = _open_store(store)
    try:
        report = link_store(st, sources=sources or None, jobs=jobs, keep=False)
    except (QueryError, StoreError) as exc:
        raise _fail(str(exc)) from exc
    finally:
        st.close()
    if sources and not report.linked:
        raise _fail(f"no ingested document has source {', '.join(sources)}", 1)
    if not quiet:
        _print_link_summary(report)


def _print_link_summary(report) -> None:
    table = Table(title="cchc-kg link")
    for col in ("file", "province", "plan links", "resolved", "target alignments", "task links"):
        table.add_column(col, justify="left" if col in ("file", "province") else "right")
    for d in report.linked:
        table.add_row(d.doc.source, d.scope.province or "—", *(str(n) for n in d.counts()))
    out.print(table)
    out.print(f"{len(report.linked)} documents linked in {report.seconds:.1f} s")


@app.command()
def coverage(
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json (the `coverage` named query).")] = "table",
    graphml: Annotated[Path | None, typer.Option("--graphml", help="Also write the cross-level graph as GraphML.")] = None,
) -> None:
    """Higher-level targets with, per lower-level plan, the tasks that implement them
    (direct / supporting) and the lower targets aligned with them; 0 = not covered."""
    from cchc_kg.graph import network

    st = _open_store(store)
    try:
        q = named_queries.load("coverage")
        result = st.query(q.text)
        if graphml is not None:
            network.export_graphml(network.cross_level_graph(st), graphml)
            err.print(f"wrote {graphml}")
    except (QueryError, StoreError, OSError) as exc:
        raise _fail(str(exc)) from exc
    finally:
        st.close()
    assert isinstance(result, SelectResult)
    if not _write_machine_format(result, format):
        table = Table("target", "indicator", "lower plan", "direct", "supporting", "aligned", "best", title=q.title)
        for r in result.dicts():
            table.add_row(f"{fmt.plain(r['source'])}:{fmt.plain(r['line'])} {fmt.plain(r['text'])[:60]}",
                          fmt.plain(r["indicator"]), fmt.plain(r["lowerSource"]), fmt.plain(r["direct"]),
                          fmt.plain(r["supporting"]), fmt.plain(r["aligned"]), fmt.plain(r["best"]))
        out.print(table)



@app.command()
def validate(
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or ttl (a W3C sh:ValidationReport).")] = "text",
    lang: Annotated[str, typer.Option("--lang", help="Language of the messages in text output: vi or en.")] = "vi",
    per_graph: Annotated[bool, typer.Option("--per-graph", help="Validate each document's named graph on its own (faster on large stores; misses cross-document conflicts).")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Also fail (exit 1) on warnings.")] = False,
    engine: Annotated[str, typer.Option("--engine", "-e", help="auto (Apache Jena when Java and Jena are installed, else pySHACL), jena or pyshacl; same results.")] = "auto",
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Whole on-disk store: keep results in STORE.shacl-cache beside it and re-check only what re-ingested graphs changed (same results as a full run).")] = True,
) -> None:
    """Validate the graph against the SHACL shapes (shapes/*.ttl).

    Each result names the focus node, its source file and line, severity, message (vi/en),
    path and value. Exit 0 when no result is a Violation (warnings and infos are reported),
    1 when there are Violations (or Warnings with --strict), 2 on error. The engine that ran
    is named on standard error (and in JSON output).
    """
    from cchc_kg.graph import validate as shacl

    if format not in ("text", "json", "ttl") or lang not in ("vi", "en"):
        raise _fail("--format must be text, json or ttl and --lang vi or en")
    location = store if store is not None else str(default_store_path())
    if location != "memory:" and not location.startswith(("http://", "https://")) and not Path(location).is_dir():
        raise _fail(f"no store at {location} (run `cchc-kg ingest` first)")
    st = _open_store(store)
    try:
        chosen, why = shacl.choose_engine(engine, per_graph=per_graph, graphs=len(st.graphs()))
        err.print(f"SHACL engine: {chosen} ({why})")
        on_disk = location != "memory:" and not location.startswith(("http://", "https://"))
        if cache and on_disk and not per_graph:
            from cchc_kg.graph import validate_cache

            reports = [validate_cache.validate_store(st, cache_dir=validate_cache.default_cache_dir(Path(location)), engine=chosen)]
            err.print(f"SHACL scope: {reports[0].scope}")
        else:
            reports = shacl.validate_store(st, per_graph=per_graph, engine=chosen)
    except OSError as exc:
        raise _fail(f"cannot use the validation cache: {exc} (try --no-cache)") from exc
    except (QueryError, StoreError, shacl.ShapesError) as exc:
        raise _fail(str(exc)) from exc
    finally:
        st.close()
    report = reports[0] if len(reports) == 1 else shacl.merge_reports(reports)
    if not reports:
        report = shacl.ValidationReport(conforms=True, scope="per-graph", engine=chosen)
    if format == "json":
        sys.stdout.write(shacl.to_json(report) + "\n")
    elif format == "ttl":
        sys.stdout.write(shacl.to_turtle(report))
    else:
        sys.stdout.write(shacl.to_text(report, lang=lang))
    failed = not report.conforms or (strict and report.counts()["Warning"] > 0)
    raise typer.Exit(1 if failed else 0)

@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (127.0.0.1 = this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    mode: Annotated[str | None, typer.Option(help="memory (default): load an in-memory copy, fast queries; disk: read the store in place.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds a SPARQL query may run before it is stopped (default 30, or $CCHC_QUERY_TIMEOUT).")] = None,
    max_rows: Annotated[int | None, typer.Option(help="Most rows (or triples) one SPARQL request may return (default 100000, or $CCHC_MAX_ROWS).")] = None,
) -> None:
    """Serve the lookup API, the read-only SPARQL endpoint (/sparql) and the web pages.

    The store is opened read-only and served as a snapshot: restart after ingesting more.
    Open http://HOST:PORT/ for the search page, /docs for the API, /query for SPARQL.
    """
    import uvicorn
    from cchc_kg.api.app import create_app
    from cchc_kg.api.settings import Settings

    try:
        settings = Settings.from_env(store=store, mode=mode, query_timeout=timeout, max_rows=max_rows)
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    location = Path(settings.store)
    if "://" not in settings.store and settings.store != "memory:" and not location.exists():
        raise _fail(f"no store at {location}: ingest plans first (cchc-kg ingest PATH --store {location})")
    err.print(f"serving {settings.store} ({settings.mode}) on http://{host}:{port}/")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()

__all__ = ["app", "default_store_path"]
