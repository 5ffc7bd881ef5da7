"""The per-request memo: one computation per key inside a request, none remembered outside it,
and nothing remembered for an object that has no identity yet."""

from shop.core.request_memo import RequestMemo


def _counting():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return calls, compute


def test_inside_a_request_a_key_is_computed_once():
    memo = RequestMemo("test-once")
    calls, compute = _counting()
    memo.open()
    try:
        assert memo.get(7, compute) == 1
        assert memo.get(7, compute) == 1
        assert memo.get(8, compute) == 2
    finally:
        memo.close()
    assert len(calls) == 2


def test_outside_a_request_nothing_is_remembered():
    memo = RequestMemo("test-outside")
    calls, compute = _counting()
    memo.get(7, compute)
    memo.get(7, compute)
    assert len(calls) == 2


def test_an_unsaved_object_is_never_remembered():
    memo = RequestMemo("test-none")
    calls, compute = _counting()
    memo.open()
    try:
        memo.get(None, compute)
        memo.get(None, compute)
    finally:
        memo.close()
    assert len(calls) == 2


def test_forget_drops_what_a_change_made_stale():
    memo = RequestMemo("test-forget")
    calls, compute = _counting()
    memo.open()
    try:
        memo.get(7, compute)
        memo.forget()
        assert memo.get(7, compute) == 2
    finally:
        memo.close()
