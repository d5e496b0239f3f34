from models import Conjecturer, LMConfig, Prover

SMALL = LMConfig(n_layer=1, n_head=2, n_embd=32, n_positions=64, batch_size=4)


def test_prover_trains_proves_and_reloads(tokenizer, pairs, tmp_path):
    prover = Prover.create(tokenizer, SMALL, seed=0, device="cpu")
    loss = prover.train(pairs, steps=5, seed=0)
    assert loss > 0
    statements = [statement for statement, _ in pairs]
    proofs = prover.prove(statements, k=3, temperature=1.0, seed=0, max_new_tokens=8)
    assert [len(group) for group in proofs] == [3] * len(pairs)
    prover.save(tmp_path / "prover")
    loaded = Prover.load(tmp_path / "prover", device="cpu")
    assert isinstance(loaded, Prover)
    again = loaded.prove(statements, k=3, temperature=1.0, seed=0, max_new_tokens=8)
    assert again == proofs


def test_conjecturer_proposes_k_statements(tokenizer, pairs):
    conjecturer = Conjecturer.create(tokenizer, SMALL, seed=0, device="cpu")
    statements = [statement for statement, _ in pairs]
    neighbours = list(zip(statements, statements[1:] + statements[:1]))
    conjecturer.train(neighbours, steps=5, seed=0, weights=[1.0, 2.0, 1.0, 0.5])
    proposals = conjecturer.propose(statements[:2], k=4, temperature=0.0)
    assert len(proposals) == 2
    assert all(len(set(group)) == 1 and len(group) == 4 for group in proposals)


def test_trained_lm_can_be_wrapped_as_prover(trained_lm, pairs):
    prover = Prover(trained_lm)
    statement, proof = pairs[0]
    assert prover.prove([statement], k=1, temperature=0) == [[proof]]
