"""Tests of embeddings.index: exact and IVF search, names, files, the GPU guard."""

import json
import logging

import numpy as np
import pytest

from models.files import atomic_directory
from embeddings.index import (
    EmbeddingIndex,
    IndexFormatError,
    UnknownNameError,
    gpu_available,
)


def clustered(n, dim, seed):
    """n points `(n, dim)` float32 in 20 Gaussian clusters of varied scale."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((20, dim))
    scales = np.exp(0.3 * rng.standard_normal(20))
    cluster = rng.integers(20, size=n)
    points = centres[cluster] + 0.5 * rng.standard_normal((n, dim))
    return (points * scales[cluster, None]).astype(np.float32)


def brute_force(vectors, queries, k):
    """numpy's exact top-k inner products: `(scores (m, k), ids (m, k))`."""
    scores = queries.astype(np.float64) @ vectors.T.astype(np.float64)
    ids = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(scores, ids, axis=1), ids


@pytest.fixture(scope="module")
def data():
    vectors = clustered(2000, 16, seed=0)
    queries = clustered(50, 16, seed=1)
    names = [f"thm{i}" for i in range(len(vectors))]
    return vectors, queries, names


def test_exact_search_equals_brute_force(data):
    vectors, queries, names = data
    index = EmbeddingIndex.build(vectors, names)
    assert index.kind == "flat" and index.lists == 0 and not index.on_gpu
    scores, found = index.query(queries, 10)
    expected_scores, expected_ids = brute_force(vectors, queries, 10)
    assert scores.shape == (50, 10) and scores.dtype == np.float32
    np.testing.assert_allclose(scores, expected_scores, rtol=1e-4, atol=1e-3)
    assert found == [[names[j] for j in row] for row in expected_ids]


def test_one_query_and_more_neighbours_than_vectors(data):
    vectors, _, names = data
    index = EmbeddingIndex.build(vectors[:5], names[:5])
    scores, found = index.query(vectors[0], 10)  # a (dim,) query
    assert scores.shape == (1, 5) and len(found[0]) == 5
    assert sorted(found[0]) == sorted(names[:5])
    assert np.all(np.diff(scores[0]) <= 0)
    with pytest.raises(ValueError):
        index.query(vectors[0], 0)
    with pytest.raises(ValueError):
        index.query(np.zeros(3, np.float32), 1)


def test_neighbours_and_vectors_by_name(data):
    vectors, _, names = data
    index = EmbeddingIndex.build(vectors, names)
    np.testing.assert_array_equal(index.vector("thm7"), vectors[7])
    scores, found = index.neighbours("thm7", 5)
    assert "thm7" not in found and len(found) == 5
    _, ids = brute_force(vectors, vectors[7:8], 6)
    assert found == [names[j] for j in ids[0] if j != 7][:5]
    with pytest.raises(UnknownNameError):
        index.vector("missing")


def test_add_and_name_checks(data):
    vectors, queries, names = data
    index = EmbeddingIndex.build(vectors[:1000], names[:1000])
    index.add(vectors[1000:], names[1000:])
    assert len(index) == 2000 and "thm1999" in index
    _, found = index.query(queries, 3)
    _, ids = brute_force(vectors, queries, 3)
    assert found == [[names[j] for j in row] for row in ids]
    with pytest.raises(ValueError, match="distinct"):
        index.add(vectors[:1], ["thm0"])
    with pytest.raises(ValueError, match="distinct"):
        EmbeddingIndex.build(vectors[:2], ["a", "a"])
    with pytest.raises(ValueError):
        EmbeddingIndex.build(vectors[:3], ["a", "b"])
    with pytest.raises(ValueError):
        index.add(np.zeros((1, 4), np.float32), ["new"])


def test_approximate_index_above_the_threshold(data):
    vectors, queries, names = data
    index = EmbeddingIndex.build(vectors, names, approximate_above=500, nprobe=8)
    assert index.kind == "ivf"
    assert 1 <= index.lists <= len(vectors) // 39
    _, found = index.query(queries, 10)
    _, ids = brute_force(vectors, queries, 10)
    truth = [{names[j] for j in row} for row in ids]
    recall = np.mean([len(set(f) & t) / 10 for f, t in zip(found, truth)])
    assert recall >= 0.8
    index.nprobe = index.lists  # every list: exact again
    _, found = index.query(queries, 10)
    assert [set(f) for f in found] == truth
    assert EmbeddingIndex.build(vectors, names, approximate_above=2000).kind == "flat"


@pytest.mark.parametrize("approximate_above", [10_000, 500])
def test_save_and_load_round_trip(data, tmp_path, approximate_above):
    vectors, queries, names = data
    index = EmbeddingIndex.build(
        vectors, names, approximate_above=approximate_above, nprobe=4
    )
    index.save(tmp_path / "index")
    again = EmbeddingIndex.load(tmp_path / "index")
    assert (again.kind, again.nprobe, again.names) == (index.kind, 4, names)
    before, found_before = index.query(queries, 7)
    after, found_after = again.query(queries, 7)
    np.testing.assert_array_equal(before, after)
    assert found_before == found_after
    np.testing.assert_array_equal(again.vector("thm3"), vectors[3])
    # Saving again replaces the directory, leaving no staging folders.
    again.add(vectors[:1] + 1, ["extra"])
    again.save(tmp_path / "index")
    assert len(EmbeddingIndex.load(tmp_path / "index")) == 2001
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index"]


def test_load_errors(data, tmp_path):
    vectors, _, names = data
    with pytest.raises(FileNotFoundError):
        EmbeddingIndex.load(tmp_path / "nothing")
    EmbeddingIndex.build(vectors[:10], names[:10]).save(tmp_path / "index")
    (tmp_path / "index" / "names.json").write_text(json.dumps(names[:9]))
    with pytest.raises(IndexFormatError):
        EmbeddingIndex.load(tmp_path / "index")
    (tmp_path / "index" / "index.faiss").write_bytes(b"not an index")
    with pytest.raises(IndexFormatError):
        EmbeddingIndex.load(tmp_path / "index")


def test_failed_save_leaves_the_old_directory(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "old").write_text("kept")
    with pytest.raises(RuntimeError):
        with atomic_directory(target) as staging:
            (staging / "new").write_text("half")
            raise RuntimeError("crash while writing")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert [p.name for p in target.iterdir()] == ["old"]


def test_gpu_request_without_a_gpu_stays_on_the_cpu(data, caplog):
    if gpu_available():
        pytest.skip("a faiss GPU is present")
    vectors, queries, names = data
    with caplog.at_level(logging.WARNING, logger="embeddings.index"):
        index = EmbeddingIndex.build(vectors, names, use_gpu=True)
    assert not index.on_gpu
    assert "CPU" in caplog.text
    assert index.query(queries, 2)[0].shape == (50, 2)
