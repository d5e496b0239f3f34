import copy

import pytest
import torch

from models import LMConfig, Seq2SeqLM
from models.lm import GENERATE_CHUNK, IGNORE_INDEX


def _statements(pairs):
    return [statement for statement, _ in pairs]


def test_greedy_reproduces_every_proof(trained_lm, pairs):
    samples = trained_lm.sample(_statements(pairs), k=2, temperature=0)
    assert samples == [[proof, proof] for _, proof in pairs]


def test_sampling_gives_k_strings_per_prompt(trained_lm, pairs):
    samples = trained_lm.sample(_statements(pairs), k=5, temperature=1.0, seed=7)
    assert len(samples) == len(pairs)
    assert all(len(group) == 5 for group in samples)
    assert all(isinstance(text, str) for group in samples for text in group)


def test_sampling_is_deterministic_for_a_seed(trained_lm, pairs):
    first = trained_lm.sample(_statements(pairs), k=5, temperature=1.0, seed=7)
    again = trained_lm.sample(_statements(pairs), k=5, temperature=1.0, seed=7)
    other = trained_lm.sample(_statements(pairs), k=5, temperature=1.0, seed=8)
    assert first == again
    assert first != other


def test_sampling_more_rows_than_one_chunk(trained_lm, pairs):
    k = GENERATE_CHUNK // len(pairs) + 3
    samples = trained_lm.sample(_statements(pairs), k=k, max_new_tokens=8)
    assert [len(group) for group in samples] == [k] * len(pairs)


def test_sampling_leaves_global_rng_alone(trained_lm, pairs):
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    trained_lm.sample(_statements(pairs)[:1], k=2, max_new_tokens=4, seed=5)
    assert torch.equal(torch.rand(3), expected)


def test_save_load_keeps_logits_and_samples(trained_lm, pairs, tmp_path):
    trained_lm.save(tmp_path / "lm")
    loaded = Seq2SeqLM.load(tmp_path / "lm", device="cpu")
    ids = torch.tensor([trained_lm._prompt_ids(pairs[0][0])])  # (1, seq)
    with torch.no_grad():
        before = trained_lm.model(input_ids=ids).logits
        after = loaded.model(input_ids=ids).logits
    assert torch.equal(before, after)
    assert loaded.config == trained_lm.config
    statements = _statements(pairs)
    assert loaded.sample(statements, k=1, temperature=0) == trained_lm.sample(
        statements, k=1, temperature=0
    )


def test_save_replaces_existing_and_leaves_no_temporaries(trained_lm, tmp_path):
    target = tmp_path / "lm"
    trained_lm.save(target)
    trained_lm.save(target)
    assert [p.name for p in tmp_path.iterdir()] == ["lm"]
    assert (target / "model.safetensors").is_file()


def test_load_missing_model_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        Seq2SeqLM.load(tmp_path / "nothing")


def test_example_labels_cover_only_completion_and_eos(trained_lm):
    ids, labels = trained_lm._example("a = a", "rfl")
    prompt = trained_lm._prompt_ids("a = a")
    assert ids[: len(prompt)] == prompt
    assert labels[: len(prompt)] == [IGNORE_INDEX] * len(prompt)
    assert labels[len(prompt) :] == ids[len(prompt) :]
    assert ids[-1] == trained_lm.tokenizer.eos_token_id


def test_long_example_is_cut_to_context(trained_lm):
    ids, labels = trained_lm._example("x " * 500, "y " * 500)
    assert len(ids) == len(labels) == trained_lm.config.n_positions
    assert any(label != IGNORE_INDEX for label in labels)


def test_training_is_deterministic_and_lowers_loss(tokenizer, pairs):
    config = LMConfig(n_layer=1, n_head=2, n_embd=32, n_positions=64, batch_size=4)
    losses = []
    for _ in range(2):
        lm = Seq2SeqLM.create(tokenizer, config, seed=1, device="cpu")
        first = lm.train(pairs, steps=1, seed=1)
        losses.append(lm.train(pairs, steps=30, seed=1))
    assert losses[0] == losses[1]
    assert losses[0] < first


def test_zero_weight_pairs_are_never_drawn(tokenizer, pairs):
    # Dropout is off, so batches made only of the first pair give the same
    # losses however the draws consume the random generator.
    config = LMConfig(n_layer=1, n_head=2, n_embd=32, n_positions=64, batch_size=4)
    other = ("a", "b c d e")

    def loss(pair_list, weights):
        lm = Seq2SeqLM.create(tokenizer, config, seed=1, device="cpu")
        return lm.train(pair_list, steps=3, seed=0, weights=weights)

    alone = loss(pairs[:1], None)
    assert loss([pairs[0], other], [1.0, 0.0]) == alone
    assert loss([pairs[0], other], [0.0, 1.0]) != alone


@pytest.mark.parametrize(
    "weights", [[1.0], [1.0, -1.0, 1.0, 1.0], [0.0] * 4, [float("nan")] * 4]
)
def test_bad_weights_raise(trained_lm, pairs, weights):
    with pytest.raises(ValueError):
        trained_lm.train(pairs, steps=1, seed=0, weights=weights)


def test_bad_sampling_arguments_raise(trained_lm):
    with pytest.raises(ValueError):
        trained_lm.sample(["a"], k=0)
    with pytest.raises(ValueError):
        trained_lm.sample(["a"], k=1, temperature=-1.0)


def test_empty_pairs_raise(trained_lm):
    with pytest.raises(ValueError):
        trained_lm.train([], steps=1, seed=0)


def test_config_rejects_bad_head_split():
    with pytest.raises(ValueError):
        LMConfig(n_embd=30, n_head=4)


def test_num_parameters_counts_tied_weights_once(trained_lm):
    model = trained_lm.model
    untied = sum(p.numel() for p in model.state_dict().values())
    assert trained_lm.num_parameters() < untied


def test_tokenizer_without_sep_is_refused(tokenizer):
    broken = copy.deepcopy(tokenizer)
    broken.sep_token = None
    with pytest.raises(ValueError):
        Seq2SeqLM.create(broken, LMConfig(n_embd=32, n_head=2), device="cpu")
