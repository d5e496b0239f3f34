"""The ``leanplay`` command line: parse arguments, build objects, call one function."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import shutil
import sqlite3
import sys
from pathlib import Path

__all__ = ["main"]

EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_LEAN = 4
EXIT_DISK = 5


class CliError(Exception):
    """A user mistake: printed as one line, exit code attached."""

    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.code = code


def _setup_environment() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _library_of(run_dir: Path):
    """The library a run works on, from its config."""
    from pipeline.config import load_config
    from pipeline.library_data import run_library

    saved = run_dir / "config.yaml"
    return run_library(load_config(saved).library if saved.exists() else "")


def _existing_run(path: str) -> Path:
    run_dir = Path(path)
    if not (run_dir / "run.db").is_file():
        raise CliError(f"no leanplay run directory at {run_dir} (expected {run_dir / 'run.db'})")
    return run_dir


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.config import load_config
    from pipeline.lock import RunLock
    from pipeline.rounds import Run

    run_dir = Path(args.run_dir)
    if not args.run_dir.strip() or (run_dir.exists() and not run_dir.is_dir()):
        raise CliError(f"--run-dir must name a directory, got {args.run_dir!r}")
    saved = run_dir / "config.yaml"
    resuming = saved.exists()
    flags = {"rounds": args.rounds, "seed": args.seed,
             "library": str(Path(args.library).resolve()) if args.library else None,
             "targets": str(Path(args.targets).resolve()) if args.targets else None}
    overrides = {**_settings(args.set), **{k: v for k, v in flags.items() if v is not None}}
    if resuming:
        config = load_config(saved, {"rounds": overrides.get("rounds")})
        _same_settings(config, load_config(Path(args.config) if args.config else saved,
                                           overrides), args, saved)
    elif (run_dir / "run.db").exists():
        raise CliError(f"{run_dir} has a run database but no config.yaml; it cannot be resumed "
                       "safely (`leanplay doctor DIR` tells more)")
    else:
        config = load_config(Path(args.config) if args.config else None, overrides)
    created = not run_dir.exists()
    run_dir.mkdir(parents=True, exist_ok=True)
    prepared = False
    try:
        with RunLock(run_dir):
            if not resuming:
                _save_config(config, saved)
            run = Run(run_dir, config, progress=not args.quiet)
            try:
                run.prepare()
                prepared = True
                _run_rounds(run, config, run_dir, saved, resuming)
            finally:
                run.close()
    except Exception:
        # A new run that failed before its first models (bad input): leave no
        # directory behind. An interrupted one stays, to be resumed.
        if created and not prepared:
            shutil.rmtree(run_dir, ignore_errors=True)
        raise
    return 0


def _run_rounds(run, config, run_dir: Path, saved: Path, resuming: bool) -> None:
    """Run the rounds not yet done and print the growth table."""
    from pipeline.config import load_config
    from pipeline.growth import growth_plot, growth_table

    done = run.store.rounds()
    if done and config.rounds < done[-1]["round"]:
        raise CliError(f"{run_dir} has already completed {done[-1]['round']} rounds; "
                       f"--rounds {config.rounds} asks for fewer (nothing done)")
    if resuming and config.rounds != load_config(saved).rounds:
        _save_config(config, saved)
    run.run()
    print(growth_table(run.store))
    plot = growth_plot(run.store, run_dir / "growth.png")
    print(f"run directory: {run_dir}  (plot: {plot})")


def _same_settings(saved, asked, args: argparse.Namespace, path: Path) -> None:
    """Refuse to resume with settings other than the run's own: its models
    were trained with them. The command that started a run may be repeated
    as it was; only the number of rounds may change.

    Raises:
        CliError: naming the keys that differ.
    """
    if not (args.config or args.seed is not None or args.set or args.library or args.targets):
        return
    differ = [k for k, v in asked.to_dict().items() if k != "rounds" and saved.to_dict()[k] != v]
    if differ:
        shown = ", ".join(f"{k} ({saved.to_dict()[k]!r} in the run, {asked.to_dict()[k]!r} "
                          "asked)" for k in differ[:4])
        raise CliError(f"{path.parent} already has its config ({path}) and it differs: {shown}; "
                       "only --rounds may change when resuming")


def _settings(pairs: list[str]) -> dict:
    """``KEY=VALUE`` pairs of ``--set``, each value read as YAML (``8``, ``0.5``,
    ``true``, ``diverse``)."""
    import yaml

    settings = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq or not key.strip():
            raise CliError(f"--set takes KEY=VALUE, got {pair!r}", EXIT_USAGE)
        try:
            settings[key.strip()] = yaml.safe_load(value)
        except yaml.YAMLError as exc:
            raise CliError(f"--set {pair!r}: the value is not YAML ({exc})") from exc
    return settings


def _save_config(config, path: Path) -> None:
    import yaml

    tmp = path.with_suffix(".tmp")
    tmp.write_text(yaml.safe_dump(config.to_dict(), sort_keys=False))
    os.replace(tmp, path)


def cmd_growth(args: argparse.Namespace) -> int:
    from pipeline.growth import growth_plot, growth_table
    from pipeline.store import Store

    run_dir = _existing_run(args.run_dir)
    store = Store(run_dir / "run.db")
    try:
        print(growth_table(store))
        out = Path(args.plot) if args.plot else run_dir / "growth.png"
        if out.suffix.lower() != ".png" or not out.parent.is_dir():
            raise CliError(f"--plot must be a .png file in an existing folder, got {out}")
        print(f"plot: {growth_plot(store, out)}")
    finally:
        store.close()
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from lean_env.checker import Checker
    from models import Prover
    from pipeline.checkpoints import load_checkpoint
    from pipeline.evaluate import evaluate_targets, later_passes, read_target_file

    from pipeline.store import Store

    from embeddings.graph import statement_key
    from pipeline.difficulty import cites_same_statement
    from pipeline.found import found_lemmas

    run_dir = _existing_run(args.run_dir)
    store = Store(run_dir / "run.db")
    try:
        model_dir = run_dir / "models" / f"round-{store.last_round_with('train')}" / "prover"
        library: dict[str, set[str]] = {}
        seeds = store.theorems("kind='seed'")
        for t in seeds:
            library.setdefault(statement_key(t.statement), set()).add(t.name)
        # The run's found conjectures (not its targets: the file's may be the same).
        found = found_lemmas(store, 10**9, targets=False) if args.found else []
        for name, statement, _ in found:
            library.setdefault(statement_key(statement), set()).add(name)
    finally:
        store.close()
    if not model_dir.exists():
        raise CliError(f"{run_dir} has no trained prover ({model_dir} is missing)")
    from lean_env.cache import VerdictCache

    checker = Checker(_library_of(run_dir), cache=VerdictCache(run_dir / "run.db"))
    targets = read_target_file(Path(args.targets), checker)
    prover = load_checkpoint(Prover, model_dir)
    search = None
    if args.search:
        from pipeline.config import RunConfig, load_config

        saved = run_dir / "config.yaml"
        cfg = load_config(saved) if saved.exists() else RunConfig()
        overrides = _settings(args.set)
        other = sorted(k for k in overrides if not k.startswith("search_"))
        if other:
            raise CliError(f"eval --set takes only the search_* keys, got {', '.join(other)}",
                           EXIT_USAGE)
        cfg = load_config(saved if saved.exists() else None, overrides)
        search = {"width": cfg.search_width or 4, "samples": cfg.search_samples,
                  "depth": cfg.search_depth, "menu": cfg.search_menu and not args.no_menu,
                  "lemmas": cfg.search_lemmas, "seeds": [(t.name, t.statement) for t in seeds]}
    elif args.set:
        raise CliError("eval --set needs --search", EXIT_USAGE)
    # A target may cite the targets proved in earlier passes, but one with the
    # same statement is a same-statement lemma like a library theorem.
    for name, statement in targets:
        library.setdefault(statement_key(statement), set()).add(name)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="leanplay-eval-") as lemma_root:
        results = evaluate_targets(prover, checker, targets, args.k, args.temperature,
                                   args.seed, search=search, progress=not args.quiet,
                                   passes=args.passes, lemma_root=Path(lemma_root),
                                   found=found)
    width = max(len(r.name) for r in results)
    citing = 0
    for r, (_, statement) in zip(results, targets):
        counts = ", ".join(f"{n} {s}" for s, n in sorted(r.outcomes.items()))
        status = "proved" if r.proved else "not proved"
        if r.proved and cites_same_statement(
                r.proof, library.get(statement_key(statement), set()) - {r.name}):
            status, citing = "cited", citing + 1
        how = " (by search)" if r.by_search else ""
        if args.passes > 1 and r.proved:
            how += f" (pass {r.pass_})"
        print(f"{r.name.ljust(width)}  {status:10}  {r.attempts} distinct proofs of {args.k} "
              f"samples{' and the search' if search else ''}: {counts}{how}")
        for row in (r.proof or "").splitlines():
            print("    " + row)
    proved = sum(r.proved for r in results) - citing
    searched = sum(r.by_search for r in results)
    later, cite_earlier = later_passes(results)
    print(f"pass@{args.k}" + (f" and search ({searched} by search)" if search else "")
          + (f", {args.passes} passes ({later} proved after the first, {cite_earlier} "
             "of them citing targets proved before)" if args.passes > 1 else "")
          + f": {proved} of {len(results)} proved"
          + (f" (and {citing} more only by citing a library theorem with the same statement)"
             if citing else ""))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.config import load_config
    from pipeline.export import check_export, export_lean
    from pipeline.found import targets_in_library
    from pipeline.store import Store

    run_dir = _existing_run(args.run_dir)
    out = Path(args.out) if args.out else run_dir / "Found.lean"
    if out.suffix != ".lean" or not out.parent.is_dir() or out.is_dir():
        raise CliError(f"--out must be a .lean file in an existing folder, got {out}")
    library = _library_of(run_dir)
    store = Store(run_dir / "run.db")
    try:
        saved = run_dir / "config.yaml"
        targets_file = load_config(saved).targets if saved.exists() else ""
        text, count = export_lean(store, library.header,
                                  not targets_in_library(library, targets_file))
    finally:
        store.close()
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out)
    print(f"wrote {count} proved theorems to {out}")
    if args.no_check:
        return 0
    errors, axioms = check_export(library, out, count)
    if errors:
        raise CliError(f"Lean rejects {out}: {' '.join(errors[0].split())[:300]}", EXIT_LEAN)
    outside = sorted(axioms - set(library.axioms))
    if outside:
        raise CliError(f"{out} uses axioms outside the library's: {', '.join(outside)}",
                       EXIT_LEAN)
    print(f"Lean checked {out}: no errors; axioms used: {', '.join(sorted(axioms)) or 'none'}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.report import html_report
    from pipeline.store import Store

    run_dir = _existing_run(args.run_dir)
    out = Path(args.out) if args.out else run_dir / "report.html"
    if out.suffix.lower() not in (".html", ".htm") or not out.parent.is_dir() or out.is_dir():
        raise CliError(f"--out must be an .html file in an existing folder, got {out}")
    store = Store(run_dir / "run.db")
    try:
        page = html_report(store, run_dir)
    finally:
        store.close()
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out)
    print(f"report: {out}")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from pipeline.config import load_config, show_config

    if args.run_dir and args.config:
        raise CliError("give a run directory or --config, not both")
    if args.run_dir:
        path = _existing_run(args.run_dir) / "config.yaml"
    else:
        path = Path(args.config) if args.config else None
    print(show_config(load_config(path)), end="")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from pipeline.compare import compare_plot, compare_table, read_history

    dirs = [_existing_run(d) for d in args.run_dirs]
    out = Path(args.plot)
    if out.suffix.lower() != ".png" or not out.parent.is_dir():
        raise CliError(f"--plot must be a .png file in an existing folder, got {out}")
    histories = [read_history(d, args.rounds) for d in dirs]
    print(compare_table(histories))
    print(f"plot: {compare_plot(histories, out)}")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from pipeline.similarity import RunSimilarity

    if not args.statement.strip():
        raise CliError("the statement to query is empty")
    similarity = RunSimilarity(_existing_run(args.run_dir))
    _print_hits(similarity.query(args.statement, args.k))
    return 0


def cmd_neighbors(args: argparse.Namespace) -> int:
    from pipeline.similarity import RunSimilarity, UnknownTheorem

    similarity = RunSimilarity(_existing_run(args.run_dir))
    try:
        hits = similarity.neighbours(args.name, args.k)
    except UnknownTheorem as exc:
        raise CliError(str(exc)) from exc
    _print_hits(hits)
    return 0


def _print_hits(hits) -> None:
    width = max((len(h.name) for h in hits), default=4)
    print(f"{'rank':>4}  {'similarity':>10}  {'proved':6}  {'name'.ljust(width)}  statement")
    for rank, h in enumerate(hits, 1):
        print(f"{rank:>4}  {h.similarity:>10.3f}  {'yes' if h.proved else 'no':6}  "
              f"{h.name.ljust(width)}  {h.statement}")


def cmd_doctor(args: argparse.Namespace) -> int:
    from lean_env.doctor import diagnose
    from pipeline.integrity import check_run_dir

    if args.run_dir:
        run_dir = _existing_run(args.run_dir)
        facts, problems = check_run_dir(run_dir)
        for line in facts:
            print(line)
        for line in problems:
            print(f"problem: {line}")
        print(f"{run_dir}: " + ("OK" if not problems else f"{len(problems)} problem(s)"))
        return 0 if not problems else EXIT_INPUT
    for line in diagnose():
        print(line)
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 1024:
        raise argparse.ArgumentTypeError(f"must be between 1 and 1024, got {value}")
    return value


def _temperature(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 10:  # also refuses NaN
        raise argparse.ArgumentTypeError(f"must be between 0 and 10, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="leanplay", description=(
        "Self-play theorem proving for Lean 4: conjecture, prove, check with Lean, learn."))
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run (or resume) self-play rounds")
    run.add_argument("--run-dir", required=True, help="run directory (created if missing)")
    run.add_argument("--rounds", type=int, help="total rounds (default from config: 3)")
    run.add_argument("--config", help="YAML config file (copied into the run directory)")
    run.add_argument("--seed", type=int, help="random seed (default 0)")
    run.add_argument("--library", help=(
        "a prelude-mode .lean file or folder of them that imports the core (default: the "
        "embedded core); its sorry theorems are the targets"))
    run.add_argument("--targets", help=(
        "a .lean file whose `theorem NAME : STATEMENT := sorry` are the targets instead of "
        "the library's"))
    run.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                     help="override one config key (repeatable), e.g. "
                          "--set conjecture_strategy=diverse; `leanplay config` lists the keys")
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.set_defaults(func=cmd_run)

    growth = sub.add_parser("growth", help="print the per-round table and write the plot")
    growth.add_argument("run_dir")
    growth.add_argument("--plot", help="PNG path (default RUN_DIR/growth.png)")
    growth.set_defaults(func=cmd_growth)

    ev = sub.add_parser("eval", help="prove the sorry theorems of a file with a run's prover")
    ev.add_argument("--run-dir", required=True)
    ev.add_argument("--targets", required=True, help="a .lean file of `theorem … := sorry`")
    ev.add_argument("-k", type=_positive_int, default=16,
                    help="proofs sampled per target (pass@k, 1 to 1024)")
    ev.add_argument("--temperature", type=_temperature, default=0.9,
                    help="sampling temperature (0 = greedy)")
    ev.add_argument("--seed", type=int, default=0)
    ev.add_argument("--search", action="store_true",
                    help="then search tactic by tactic for the targets still open, with "
                         "the run's search settings")
    ev.add_argument("--no-menu", action="store_true",
                    help="with --search: only the prover's steps, no generic ones")
    ev.add_argument("--passes", type=_positive_int, default=1,
                    help="up to N passes: the targets proved in a pass are lemmas that the "
                         "next pass's proofs may cite by name (default 1: none)")
    ev.add_argument("--found", action="store_true",
                    help="proofs may also cite the conjectures the run proved (but "
                         "specializations), by their lemma names conj_r<round>_<k>")
    ev.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="with --search: override a search_* key of the run's config, e.g. "
                         "--set search_depth=8")
    ev.add_argument("--quiet", action="store_true", help="no progress bars")
    ev.set_defaults(func=cmd_eval)

    export = sub.add_parser("export", help=(
        "write every proved theorem of a run, with its proof, as one Lean file, and check it"))
    export.add_argument("run_dir")
    export.add_argument("--out", help="the .lean file (default RUN_DIR/Found.lean)")
    export.add_argument("--no-check", action="store_true", help="do not run Lean on it")
    export.set_defaults(func=cmd_export)

    report = sub.add_parser("report", help="write a self-contained HTML page of a run")
    report.add_argument("run_dir")
    report.add_argument("--out", help="the .html file (default RUN_DIR/report.html)")
    report.set_defaults(func=cmd_report)

    config = sub.add_parser("config", help=(
        "print the effective config, every key with its meaning and default"))
    config.add_argument("run_dir", nargs="?", help="a run directory (its config.yaml)")
    config.add_argument("--config", help="a YAML config file")
    config.add_argument("--show", action="store_true", help="print it (the default action)")
    config.set_defaults(func=cmd_config)

    compare = sub.add_parser("compare", help=(
        "several runs side by side: cumulative proved, targets proved, diversity per round"))
    compare.add_argument("run_dirs", nargs="+", metavar="DIR")
    compare.add_argument("--plot", default="compare.png", help="PNG path (default compare.png)")
    compare.add_argument("--rounds", type=_positive_int,
                         help="compare the first N rounds of each run only")
    compare.set_defaults(func=cmd_compare)

    query = sub.add_parser("query", help=(
        "the theorems of a run most similar to a statement (learned diffusion similarity)"))
    query.add_argument("run_dir")
    query.add_argument("statement", help="a Lean statement, e.g. \"∀ (l : List Nat), l ++ [] = l\"")
    query.add_argument("-k", type=_positive_int, default=10, help="how many (1 to 1024)")
    query.set_defaults(func=cmd_query)

    neighbors = sub.add_parser("neighbors", help="the theorems of a run most similar to one of them")
    neighbors.add_argument("run_dir")
    neighbors.add_argument("name", help="a theorem name of the run, e.g. Nat.add_zero")
    neighbors.add_argument("-k", type=_positive_int, default=10, help="how many (1 to 1024)")
    neighbors.set_defaults(func=cmd_neighbors)

    doctor = sub.add_parser("doctor", help=(
        "show which Lean is used and the library state; with DIR, check a run directory"))
    doctor.add_argument("run_dir", nargs="?", help="a run directory to check")
    doctor.set_defaults(func=cmd_doctor)

    from theory.cli import register as register_theory

    register_theory(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    _setup_environment()
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    # faiss logs each CPU build it tries and cannot load (avx512, avx2) as INFO.
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)
    from lean_env.errors import LeanError, LeanNotFound, LeanSourceError
    from pipeline.config import ConfigError
    from pipeline.checkpoints import CheckpointError
    from pipeline.lock import RunLocked
    from pipeline.store import StoreError
    from theory.errors import TheoryError

    try:
        return args.func(args)
    except CliError as exc:
        print(f"leanplay: error: {exc}", file=sys.stderr)
        return exc.code
    except (LeanSourceError, ConfigError, StoreError, RunLocked, CheckpointError,
            TheoryError) as exc:
        print(f"leanplay: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except sqlite3.DatabaseError as exc:
        if "full" in str(exc):
            return _disk_full(exc)
        print(f"leanplay: error: the run database failed: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            return _disk_full(exc)
        print(f"leanplay: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except LeanNotFound as exc:
        print(f"leanplay: error: no usable Lean: {exc}", file=sys.stderr)
        return EXIT_LEAN
    except LeanError as exc:
        print(f"leanplay: error: {exc}", file=sys.stderr)
        return EXIT_LEAN
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("leanplay: interrupted", file=sys.stderr)
        return 130


def _disk_full(exc: Exception) -> int:
    print("leanplay: error: the disk is full; everything up to the last completed step is "
          f"stored and `leanplay run` resumes from there once space is freed ({exc})",
          file=sys.stderr)
    return EXIT_DISK


if __name__ == "__main__":
    sys.exit(main())
