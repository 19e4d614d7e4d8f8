"""In-tree plugins: one Django app per plugin, each with its own explicit app label."""
