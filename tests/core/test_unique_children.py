"""How a page's unique child rows are matched to the stored ones when it is
saved (recap.core.children): whatever order the editor's requests came in,
no row is inserted twice."""

from types import SimpleNamespace

from recap.core.children import reconcile_rows


def row(pk, **values):
    return SimpleNamespace(pk=pk, **values)


def test_a_new_row_whose_value_is_stored_takes_the_stored_id():
    stored = [row(7, resource_id=1)]
    items = [row(None, resource_id=2), row(None, resource_id=1)]

    kept = reconcile_rows(items, stored, [("resource_id",)])

    assert [(item.pk, item.resource_id) for item in kept] == [(None, 2), (7, 1)]


def test_of_two_rows_with_one_value_the_last_is_kept():
    """django-modelcluster lists the stored rows first, the form's after."""
    stale, posted = row(7, resource_id=1), row(None, resource_id=1)

    kept = reconcile_rows([stale, posted], [row(7, resource_id=1)], [("resource_id",)])

    assert kept == [posted]
    assert posted.pk == 7


def test_swapped_values_keep_each_stored_row_with_its_value():
    stored = [row(1, speaker_id=10), row(2, speaker_id=20)]
    items = [row(1, speaker_id=20), row(2, speaker_id=10)]

    kept = reconcile_rows(items, stored, [("speaker_id",)])

    assert [(item.pk, item.speaker_id) for item in kept] == [(2, 20), (1, 10)]


def test_a_row_whose_id_another_took_becomes_a_new_row():
    stored = [row(1, speaker_id=10)]
    items = [row(1, speaker_id=30), row(None, speaker_id=10)]

    kept = reconcile_rows(items, stored, [("speaker_id",)])

    assert [(item.pk, item.speaker_id) for item in kept] == [(None, 30), (1, 10)]


def test_a_child_unique_on_its_page_alone_is_one_row():
    kept = reconcile_rows([row(None, open=True)], [row(4, open=False)], [()])

    assert [(item.pk, item.open) for item in kept] == [(4, True)]
