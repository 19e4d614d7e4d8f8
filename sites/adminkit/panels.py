from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def read_only_panel(*field_names, heading):
    """What the visitor sent, shown to the admin who answers it but never editable."""
    return MultiFieldPanel(
        [FieldPanel(name, read_only=True) for name in field_names], heading=heading
    )
