"""A development identity provider that plays GビズID for `make run`.

It is a real OpenID provider served by Django (discovery, authorization page,
token endpoint with client_secret_basic and PKCE, userinfo, JWKS) whose
accounts are the demo companies and sole proprietors in ContractHolder. Its
URLs exist only when settings.DEV_IDENTITY_PROVIDER is on, and a system check
refuses that setting in production.
"""
