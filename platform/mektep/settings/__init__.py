"""Settings split by profile: base (shared), dev (embedded default), test, production."""
