"""E-signed surveys plugin; `eds` holds the Django-free EDS (ЭЦП) verification library."""
