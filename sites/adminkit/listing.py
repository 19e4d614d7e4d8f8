"""Admin listings whose every row opens its record.

Wagtail links the first column of a listing to the record only when that column is named by
a string in `list_display`; a listing that declares its columns (labels, computed values)
loses the link and the row's buttons, so the record can only be reached by typing its URL.
`RowLinksMixin` gives such a listing's first column back its link (to the edit view, or the
inspect view for a user who may only look) and the row's buttons (edit, inspect, delete and
any the view adds, e.g. moderation)."""

from django.utils.functional import cached_property

from wagtail.admin.ui.tables import TitleColumn


class _LinkedColumn(TitleColumn):
    """A title column showing what another column shows."""

    def __init__(self, column, **kwargs):
        super().__init__(
            column.name,
            label=column.label,
            accessor=column.accessor,
            classname=column.classname,
            sort_key=column.sort_key,
            width=column.width,
            **kwargs,
        )
        self.column = column

    def get_value(self, instance):
        return self.column.get_value(instance)


class RowLinksMixin:
    """For a generic.IndexView: the first column links to the record and carries the row's
    buttons."""

    def row_url(self, instance):
        return self.get_edit_url(instance) or self.get_inspect_url(instance)

    @cached_property
    def columns(self):
        columns = list(super().columns)
        first = next((i for i, c in enumerate(columns) if c.name != "bulk_actions"), None)
        if first is not None and not isinstance(columns[first], TitleColumn):
            column_class = self._get_title_column_class(_LinkedColumn)
            columns[first] = column_class(columns[first], get_url=self.row_url)
        return columns
