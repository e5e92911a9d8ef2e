"""How a マイナンバーカード signature reaches the portal: the signing channel.

A browser cannot talk to the card. A channel sends the applicant to
something that can (the Digital Agency's デジタル認証アプリ in production, a
development page that plays it in `make run`), asks it to sign the exact
bytes the portal chose, and brings back the signature and the signing
certificate. Whatever the channel, the caller then verifies both with the
portal's own code (auth_mynumber_gbiz.jpki.verify); a channel proves
nothing by itself.
"""
