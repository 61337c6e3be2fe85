"""Plain string order of paths lists a thread depth-first: each parent right before its subtree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from civility.discussion.thread_path import (
    FIRST_REPLY,
    FIRST_TOP_LEVEL,
    child_path,
    segments,
    subtree_upper_bound,
)

# Sequence numbers around the places where a level grows a digit (35 -> 36, 1295 -> 1296).
boundary_numbers = st.sampled_from(
    [0, 1, 2, 9, 10, 34, 35, 36, 37, 1294, 1295, 1296, 1297, 46655, 46656]
)


def _pre_order(tree: dict[str, list[str]], roots: list[str]) -> list[str]:
    out: list[str] = []
    stack = list(reversed(roots))
    while stack:
        path = stack.pop()
        out.append(path)
        stack.extend(reversed(tree.get(path, [])))
    return out


@st.composite
def trees(draw):
    """A random tree of paths whose sibling numbers increase, as the counters hand them out."""
    tree: dict[str, list[str]] = {}
    roots: list[str] = []
    paths: list[str] = []
    for _ in range(draw(st.integers(1, 25))):
        parent = draw(st.sampled_from([None, *paths])) if paths else None
        siblings = roots if parent is None else tree.setdefault(parent, [])
        start = FIRST_TOP_LEVEL if parent is None else FIRST_REPLY
        previous = max(_seq(s) for s in siblings) if siblings else start - 1
        seq = max(previous + 1, draw(boundary_numbers))
        path = child_path(parent or "", seq)
        siblings.append(path)
        paths.append(path)
    return tree, roots, paths


def _seq(path: str) -> int:
    return segments(path)[-1]


@settings(max_examples=200)
@given(trees())
def test_string_order_of_paths_is_depth_first_pre_order(tree_roots_paths):
    tree, roots, paths = tree_roots_paths
    assert sorted(paths) == _pre_order(tree, roots)


@settings(max_examples=200)
@given(trees())
def test_a_subtree_is_exactly_the_paths_between_a_path_and_its_upper_bound(tree_roots_paths):
    tree, _roots, paths = tree_roots_paths
    for path in paths:
        in_range = {p for p in paths if path < p < subtree_upper_bound(path)}
        assert in_range == set(_pre_order(tree, tree.get(path, [])))


def test_siblings_keep_their_order_across_the_length_boundaries():
    for parent in ("", "01/", "0z/110/"):
        for low, high in [(34, 35), (35, 36), (1295, 1296), (46655, 46656)]:
            before, after = child_path(parent, low), child_path(parent, high)
            # The earlier sibling's whole subtree sorts before the later sibling.
            deepest = child_path(child_path(before, 1296), 46656)
            assert before < deepest < after
