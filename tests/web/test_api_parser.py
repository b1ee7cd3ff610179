"""The API's JSON nesting limit is ours, not the Python version's."""

import pytest

from civility.api.parser import MAX_JSON_DEPTH, json_depth


@pytest.mark.parametrize(
    ("value", "depth"),
    [
        ("text", 0),
        ({}, 1),
        ({"text": "x", "tags": ["a", "b"]}, 2),
        ([[[]]], 3),
        ({"a": {"b": {"c": [1]}}}, 4),
    ],
)
def test_json_depth(value, depth):
    assert json_depth(value) == depth


def test_json_depth_stops_counting_past_the_limit_without_recursion():
    value: list = []
    for _ in range(50_000):  # far past Python's recursion limit
        value = [value]
    assert json_depth(value) > MAX_JSON_DEPTH
