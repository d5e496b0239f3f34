"""The core library's seeds and targets, read and confirmed by Lean."""

from __future__ import annotations

import re
from pathlib import Path

from embeddings.graph import statement_shape
from lean_env.records import read_theorems
from pipeline.library_data import load_core_data

FIXTURE = Path(__file__).parent / "fixtures" / "target_proofs.lean"


def test_seeds_and_targets(core_lib, checker):
    data = load_core_data(core_lib, checker)
    assert len(data.seeds) >= 40 and len(data.targets) >= 60
    assert all(r.proof for r in data.seeds) and not any(r.proof for r in data.targets)
    assert sum("simp" in r.attributes for r in data.seeds) >= 20
    names = [r.name for r in data.seeds + data.targets]
    assert len(names) == len(set(names))
    seed_shapes = {statement_shape(r.statement) for r in data.seeds}
    assert not [t.name for t in data.targets if statement_shape(t.statement) in seed_shapes]


def test_every_target_has_a_proof_lean_accepts(core_lib, checker, tmp_path, run_lean):
    targets = {r.name: r.statement for r in load_core_data(core_lib, checker).targets}
    proved = {r.name: r.statement for r in read_theorems(FIXTURE) if r.name in targets}
    assert proved == targets
    text = FIXTURE.read_text() + "\n" + "\n".join(f"#print axioms {n}" for n in targets) + "\n"
    code, messages = run_lean(core_lib, text, tmp_path)
    assert code == 0 and not [m for m in messages if m["severity"] == "error"]
    infos = [m["data"] for m in messages if m["severity"] == "information"]
    used = set()
    for info in infos:
        m = re.match(r"'[^']+' depends on axioms: \[(.*)\]", info)
        used |= set(a.strip() for a in m.group(1).split(",")) if m else set()
    assert len(infos) == len(targets) and used <= {"propext"}


def test_held_out_facts_are_no_variant_of_a_seed_or_target(checker):
    from embeddings.graph import statement_key
    from lean_env.library import core_source_dir
    from lean_env.records import read_theorems

    source = core_source_dir()
    library = [r for name in ("Seeds", "Targets")
               for r in read_theorems(source / "Leanplay" / f"{name}.lean")]
    known = {statement_key(r.statement): r.name for r in library}
    held = read_theorems(source / "examples" / "HeldOut.lean")
    assert len(held) == 16
    assert {r.name: known[statement_key(r.statement)]
            for r in held if statement_key(r.statement) in known} == {}
    assert checker.elaborates([r.statement for r in held]) == [None] * 16
