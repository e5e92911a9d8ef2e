"""マイナンバーカード (JPKI) signature verification, done by the portal itself.

`verify_signature` is the entry point; IDENTITY.md describes the checks.
"""
