"""Models of the auth area."""

from .accounts import ROLE_VALUES, LoginSession, User, hash_token

__all__ = ["ROLE_VALUES", "LoginSession", "User", "hash_token"]
