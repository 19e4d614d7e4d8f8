"""Accounts: users (e-mail login, IIN, phone), roles scoped to schools and territories,
links between parents and their children, allauth adapters and MFA policy."""
