"""Canonical bytes of a survey answer."""

from __future__ import annotations

import json

import pytest

from plugins.esign_surveys.eds import canonical_answer_bytes, new_nonce


def test_canonical_bytes_are_sorted_compact_utf8() -> None:
    payload = canonical_answer_bytes({"b": [1, 2], "a": {"z": "Сәлем", "y": None}}, "n0")
    assert payload == '{"a":{"y":null,"z":"Сәлем"},"b":[1,2],"nonce":"n0"}'.encode()
    assert json.loads(payload)["nonce"] == "n0"


def test_same_answer_same_bytes_regardless_of_order() -> None:
    first = canonical_answer_bytes({"q1": 1, "q2": "x"}, "n")
    second = canonical_answer_bytes({"q2": "x", "q1": 1}, "n")
    assert first == second


def test_refuses_nonce_clash_nan_and_empty_nonce() -> None:
    with pytest.raises(ValueError):
        canonical_answer_bytes({"nonce": "mine"}, "n")
    with pytest.raises(ValueError):
        canonical_answer_bytes({"q": float("nan")}, "n")
    with pytest.raises(ValueError):
        canonical_answer_bytes({"q": 1}, "")


def test_nonces_are_random() -> None:
    assert len({new_nonce() for _ in range(50)}) == 50
