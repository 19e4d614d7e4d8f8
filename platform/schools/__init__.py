"""Territories (region -> district/city -> school), the binding of a school or portal to its
Wagtail Site, per-site settings, tenancy helpers and school provisioning."""
